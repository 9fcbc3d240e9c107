import Foundation

/// The lessons as the progress report and the review queue need them: ids, titles, and the ids and kinds
/// of their items in course order. Neutral on purpose, so the report does not depend on the lesson
/// format; `init(_ lessons:)` builds it from the lessons.
public struct ProgressOutline: Sendable, Equatable {
    /// What an item is, which sets how long it is expected to take.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A fill-in-blank task (try, or a challenge's `type: fill`).
        case fill
        /// A multiple-choice question (practice, or a challenge's `type: choice`).
        case choice
        /// A review card.
        case card
    }

    public struct Item: Sendable, Equatable {
        public var id: String
        public var kind: Kind
        public init(id: String, kind: Kind) {
            self.id = id
            self.kind = kind
        }
    }

    public struct Lesson: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Tasks and questions, then review cards, each in the lesson's order.
        public var items: [Item]

        public init(id: String, title: String, items: [Item]) {
            self.id = id
            self.title = title
            self.items = items
        }

        /// Gradable items only (given as ids, their kind is taken to be fill), and cards.
        public init(id: String, title: String, itemIDs: [String], cardIDs: [String] = []) {
            self.init(id: id, title: title, items: itemIDs.map { Item(id: $0, kind: .fill) } + cardIDs.map { Item(id: $0, kind: .card) })
        }

        /// Task and question ids in the lesson's order.
        public var itemIDs: [String] { items.filter { $0.kind != .card }.map(\.id) }
        /// Review card ids in the lesson's order.
        public var cardIDs: [String] { items.filter { $0.kind == .card }.map(\.id) }
    }

    public var lessons: [Lesson]

    public init(lessons: [Lesson]) { self.lessons = lessons }

    /// Every gradable item (try tasks, practice questions, challenge items) and every review card.
    public init(_ lessons: [TutorCore.Lesson]) {
        self.lessons = lessons.map { lesson in
            let items = lesson.gradableItems.map { item -> Item in
                switch item {
                case .fill(let t): Item(id: t.id, kind: .fill)
                case .choice(let q): Item(id: q.id, kind: .choice)
                }
            }
            let cards = (lesson.review?.cards ?? []).map { Item(id: $0.id, kind: .card) }
            return Lesson(id: lesson.id, title: lesson.title, items: items + cards)
        }
    }
}
