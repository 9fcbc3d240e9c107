import Foundation

/// Where the lesson teaches what an item asks (`teaches:` on a task, question, challenge item or review
/// card): a section of a page, a step of the visualizer, or a playground snippet. A card the learner
/// keeps forgetting (a leech) offers to open it, so the learner goes back to the source instead of
/// drilling the card again.
///
/// Written as the place, then `:` and where in it:
///
/// ```yaml
/// teaches: why:Problem              # the why page at its heading "Problem" (case is ignored)
/// teaches: deep                     # the deep-dive page from the top
/// teaches: visualize:step 3         # the visualizer with three steps revealed
/// teaches: playground:playground-h0 # that playground snippet (by id)
/// ```
///
/// `unroll check` makes sure the page, heading, step or snippet exists (`LessonDecoder+Items`).
public enum TeachesLink: Sendable, Equatable {
    /// A page (intro, why or deep), at a heading as written on the page (nil: from the top).
    case page(Mode, heading: String?)
    /// The visualizer with `step` steps revealed, as its "step N of M" counts them (nil: step 0).
    case visualize(step: Int?)
    /// A playground snippet by id (nil: the first snippet).
    case playground(snippet: String?)

    /// The places a link may name, for messages.
    public static let places = ["intro", "why", "deep", "visualize", "playground"]

    /// Reads the text of a `teaches:` value; the error is a sentence saying what is wrong with it.
    public static func parse(_ text: String) -> Result<TeachesLink, TeachesLinkError> {
        let trimmed = text.trimmingWhitespace
        let (place, rest): (Substring, Substring?) = {
            guard let colon = trimmed.firstIndex(of: ":") else { return (Substring(trimmed), nil) }
            return (trimmed[..<colon], trimmed[trimmed.index(after: colon)...])
        }()
        let target = rest.map { $0.trimmingWhitespace }
        if target == "" {
            return .failure(TeachesLinkError("'teaches: \(trimmed)' names no place after ':'; leave the ':' out to open \(place) from the start"))
        }
        switch place.lowercased() {
        case "intro": return .success(.page(.intro, heading: target))
        case "why": return .success(.page(.why, heading: target))
        case "deep": return .success(.page(.deep, heading: target))
        case "playground": return .success(.playground(snippet: target))
        case "visualize":
            guard let target else { return .success(.visualize(step: nil)) }
            let words = target.split(separator: " ")
            guard words.count == 2, words[0].lowercased() == "step", let n = Int(words[1]), n >= 0 else {
                return .failure(TeachesLinkError("'teaches: \(trimmed)': a visualizer step is written 'visualize:step N' (N the step the visualizer counts, 1 for the first)"))
            }
            return .success(.visualize(step: n))
        default:
            var message = "'teaches: \(trimmed)' names no place this lesson format knows"
            if let near = LessonDecoder.suggestion(for: String(place), among: places) { message += " (did you mean '\(near)'?)" }
            return .failure(TeachesLinkError(message + "; write one of \(places.joined(separator: ", ")), then ':' and where in it"))
        }
    }

    /// The link as the lesson file writes it (`unroll print`).
    public var text: String {
        switch self {
        case .page(let mode, let heading): mode.rawValue + (heading.map { ":" + $0 } ?? "")
        case .visualize(let step): "visualize" + (step.map { ":step \($0)" } ?? "")
        case .playground(let snippet): "playground" + (snippet.map { ":" + $0 } ?? "")
        }
    }

    /// Where it leads, as a learner reads it: "Why · Problem", "Visualize · step 3", "Playground · h0 by hand".
    public func label(in lesson: Lesson) -> String {
        switch self {
        case .page(let mode, let heading):
            return mode.title + (heading.flatMap { lesson.heading(matching: $0, on: mode) }.map { " · " + $0 } ?? "")
        case .visualize(let step):
            return "Visualize" + (step.map { " · step \($0)" } ?? "")
        case .playground(let snippet):
            let title = snippet.flatMap { id in lesson.playground?.snippets.first { $0.id == id }?.title }
            return "Playground" + (title.map { " · " + $0 } ?? "")
        }
    }
}

/// A `teaches:` value that cannot be read.
public struct TeachesLinkError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension Lesson {
    /// The heading of a page as written, matched without regard to case or surrounding spaces.
    public func heading(matching text: String, on mode: Mode) -> String? {
        let wanted = text.trimmingWhitespace.lowercased()
        return headings(on: mode).first { $0.text.trimmingWhitespace.lowercased() == wanted }?.text
    }

    /// A page's headings with the index of their block.
    public func headings(on mode: Mode) -> [(block: Int, text: String)] {
        (page(for: mode)?.blocks ?? []).enumerated().compactMap { i, block in
            if case .heading(let text) = block { return (i, text) }
            return nil
        }
    }

    /// The steps the visualizer reveals one at a time: every layer's every direction over the sequence.
    public var visualizeStepCount: Int {
        guard let v = visualize else { return 0 }
        return v.numLayers * (v.bidirectional ? 2 : 1) * v.sequenceLength
    }

    /// Where the lesson teaches the item or card with this id, if the lesson says.
    public func teaches(itemID id: String) -> TeachesLink? {
        if let card = review?.cards.first(where: { $0.id == id }) { return card.teaches }
        return item(id: id)?.teaches
    }
}
