import Foundation

/// An xAPI 1.0.3 statement (IEEE 9274.1.1) as Unroll writes and reads it: who (`actor`) did what (`verb`)
/// to which activity (`object`), how it went (`result`), where it belongs (`context`) and when. Only the
/// properties Unroll uses are modelled; a statement read from an LRS with others decodes without them.
///
/// ```swift
/// let s = XAPIStatement(id: "…uuid…", actor: .learner("ada"), verb: .answered,
///                       object: XAPIActivity(id: XAPI.itemIRI(lesson: "rnn-shapes", item: "t1")), timestamp: now)
/// s.json()    // {"actor":{…},"id":"…","object":{…},"timestamp":"2026-12-03T09:00:00Z","verb":{…}}
/// ```
public struct XAPIStatement: Sendable, Equatable, Codable {
    /// A UUID made on the learner's machine, so sending the statement again is idempotent.
    public var id: String
    public var actor: XAPIAgent
    public var verb: XAPIVerb
    public var object: XAPIActivity
    public var result: XAPIResult?
    public var context: XAPIContext?
    /// When it happened (the event's time, not when it was sent).
    public var timestamp: Date

    public init(id: String, actor: XAPIAgent, verb: XAPIVerb, object: XAPIActivity,
                result: XAPIResult? = nil, context: XAPIContext? = nil, timestamp: Date) {
        self.id = id
        self.actor = actor
        self.verb = verb
        self.object = object
        self.result = result
        self.context = context
        self.timestamp = timestamp
    }

    enum CodingKeys: String, CodingKey { case id, actor, verb, object, result, context, timestamp }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        actor = try c.decode(XAPIAgent.self, forKey: .actor)
        verb = try c.decode(XAPIVerb.self, forKey: .verb)
        object = try c.decode(XAPIActivity.self, forKey: .object)
        result = try c.decodeIfPresent(XAPIResult.self, forKey: .result)
        context = try c.decodeIfPresent(XAPIContext.self, forKey: .context)
        let text = try c.decode(String.self, forKey: .timestamp)
        guard let date = XAPI.parseTimestamp(text) else {
            throw DecodingError.dataCorruptedError(forKey: .timestamp, in: c, debugDescription: "not an ISO 8601 timestamp")
        }
        timestamp = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(actor, forKey: .actor)
        try c.encode(verb, forKey: .verb)
        try c.encode(object, forKey: .object)
        try c.encodeIfPresent(result, forKey: .result)
        try c.encodeIfPresent(context, forKey: .context)
        try c.encode(XAPI.timestamp(timestamp), forKey: .timestamp)
    }

    /// Compact JSON, keys sorted, on one line (the spool keeps one statement a line).
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and dates already turned into strings: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// A statement from JSON, or nil when it is not one Unroll can read.
    public static func decode(_ data: Data) -> XAPIStatement? {
        try? JSONDecoder().decode(XAPIStatement.self, from: data)
    }
}

/// The learner. xAPI identifies an agent by exactly one inverse functional identifier; Unroll uses an
/// account (`homePage` + `name`), the learner's name (`--learner`) or login.
public struct XAPIAgent: Sendable, Hashable, Codable {
    public struct Account: Sendable, Hashable, Codable {
        public var homePage: String
        public var name: String
        public init(homePage: String, name: String) {
            self.homePage = homePage
            self.name = name
        }
    }

    public var objectType: String?
    public var name: String?
    public var account: Account?
    /// Read from statements other tools wrote (`mailto:…`); Unroll never writes it.
    public var mbox: String?

    public init(name: String?, account: Account?, mbox: String? = nil) {
        self.objectType = "Agent"
        self.name = name
        self.account = account
        self.mbox = mbox
    }

    /// The learner called `name` on Unroll's account home page.
    public static func learner(_ name: String) -> XAPIAgent {
        XAPIAgent(name: name, account: Account(homePage: XAPI.accountHomePage, name: name))
    }

    /// Whom a class report lists this agent as: the account name, else the mbox, else the name.
    public var learnerName: String? {
        account?.name ?? mbox.map { $0.hasPrefix("mailto:") ? String($0.dropFirst(7)) : $0 } ?? name
    }
}

public struct XAPIVerb: Sendable, Hashable, Codable {
    public var id: String
    public var display: [String: String]?

    public init(id: String, display: [String: String]?) {
        self.id = id
        self.display = display
    }

    /// The ADL vocabulary (http://adlnet.gov/expapi/verbs/…), as the issue lists it.
    public static let answered = adl("answered")
    public static let completed = adl("completed")
    public static let passed = adl("passed")
    public static let failed = adl("failed")
    public static let experienced = adl("experienced")

    static func adl(_ word: String) -> XAPIVerb {
        XAPIVerb(id: "http://adlnet.gov/expapi/verbs/" + word, display: ["en-US": word])
    }
}

public struct XAPIActivity: Sendable, Equatable, Codable {
    public struct Definition: Sendable, Equatable, Codable {
        public var type: String?
        public var name: [String: String]?
        /// "fill-in" or "choice" for a task or question (a cmi.interaction).
        public var interactionType: String?

        public init(type: String?, name: [String: String]? = nil, interactionType: String? = nil) {
            self.type = type
            self.name = name
            self.interactionType = interactionType
        }
    }

    public var objectType: String?
    public var id: String
    public var definition: Definition?

    public init(id: String, definition: Definition? = nil) {
        self.objectType = "Activity"
        self.id = id
        self.definition = definition
    }
}

public struct XAPIResult: Sendable, Equatable, Codable {
    public struct Score: Sendable, Equatable, Codable {
        /// raw / max, in −1…1.
        public var scaled: Double?
        public var raw: Double?
        public var min: Double?
        public var max: Double?

        public init(raw: Int, max: Int) {
            self.raw = Double(raw)
            self.min = 0
            self.max = Double(max)
            self.scaled = max > 0 ? Double(raw) / Double(max) : nil
        }
    }

    public var success: Bool?
    public var completion: Bool?
    /// The chosen options: a task's letters blank by blank joined with `[,]` (xAPI's delimiter for a
    /// response of several parts; an empty blank is an empty part), a question's one letter.
    public var response: String?
    public var score: Score?
    /// ISO 8601, e.g. `PT1M12S`.
    public var duration: String?
    public var extensions: XAPIExtensions?

    public init(success: Bool? = nil, completion: Bool? = nil, response: String? = nil, score: Score? = nil,
                duration: String? = nil, extensions: XAPIExtensions? = nil) {
        self.success = success
        self.completion = completion
        self.response = response
        self.score = score
        self.duration = duration
        self.extensions = extensions
    }
}

/// What an answer holds beyond xAPI's own result fields, under Unroll's extension IRIs, so an instructor's
/// report can be rebuilt from the statements exactly as from a progress file.
public struct XAPIExtensions: Sendable, Equatable, Codable {
    public var mode: String?
    public var attempt: Int?
    public var grade: String?
    /// `chosen` with its empty blanks kept as null (the `[,]` response cannot tell "" from nothing).
    public var chosen: [String?]?
    public var wrongBlanks: [Int]?
    public var timedOut: Bool?

    public init(mode: String? = nil, attempt: Int? = nil, grade: String? = nil, chosen: [String?]? = nil,
                wrongBlanks: [Int]? = nil, timedOut: Bool? = nil) {
        self.mode = mode
        self.attempt = attempt
        self.grade = grade
        self.chosen = chosen
        self.wrongBlanks = wrongBlanks
        self.timedOut = timedOut
    }

    enum CodingKeys: String, CodingKey {
        case mode = "https://unroll.dev/xapi/extensions/mode"
        case attempt = "https://unroll.dev/xapi/extensions/attempt"
        case grade = "https://unroll.dev/xapi/extensions/grade"
        case chosen = "https://unroll.dev/xapi/extensions/chosen"
        case wrongBlanks = "https://unroll.dev/xapi/extensions/wrong-blanks"
        case timedOut = "https://unroll.dev/xapi/extensions/timed-out"
    }
}

public struct XAPIContext: Sendable, Equatable, Codable {
    public struct Activities: Sendable, Equatable, Codable {
        /// The lesson an item or mode belongs to.
        public var parent: [XAPIActivity]?
        /// The course: every Unroll statement names it, so one `related_activities` query finds them all.
        public var grouping: [XAPIActivity]?
        public init(parent: [XAPIActivity]?, grouping: [XAPIActivity]?) {
            self.parent = parent
            self.grouping = grouping
        }
    }

    public var platform: String?
    public var contextActivities: Activities?

    public init(platform: String?, contextActivities: Activities?) {
        self.platform = platform
        self.contextActivities = contextActivities
    }
}
