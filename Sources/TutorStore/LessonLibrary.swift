import Foundation
import TutorCore

/// Reads the lessons folder. Placeholder until the lesson format lands: reads `id:` and `title:` lines.
public enum LessonLibrary {
    public static func load(folder: URL) throws -> [Lesson] {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" && $0.lastPathComponent != "course.yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { url in
            let text = try String(contentsOf: url, encoding: .utf8)
            var id = "", title = ""
            for line in text.split(separator: "\n") {
                if line.hasPrefix("id:") { id = line.dropFirst(3).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("title:") { title = line.dropFirst(6).trimmingCharacters(in: .whitespaces) }
            }
            return Lesson(id: id, title: title)
        }
    }
}
