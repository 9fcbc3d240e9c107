import TutorCore

/// Shown instead of any screen when the window is below 40×12, so nothing is drawn cut off.
enum TooSmallView {
    static func render(size: Size, into buffer: inout CellBuffer) {
        let message = "Make the window larger: at least \(Size.minimum.width)×\(Size.minimum.height) (now \(size.width)×\(size.height))."
        let lines = TextWrap.wrap(message, width: max(1, size.width - 2))
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: max(0, (size.width - DisplayWidth.of(line)) / 2), y: top + i, style: .bold)
        }
    }
}
