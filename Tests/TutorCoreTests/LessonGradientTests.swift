import Foundation
import Testing
@testable import TutorCore

/// `gradients:` claims and `loss:`: what the decoder refuses (exact line and message), what `unroll check`'s
/// LessonGradientCheck reports, and lesson 6's gradient items against torch (Scripts/lesson6_gradient_fixtures.py).
@Suite struct LessonGradientTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lessons")

    /// valid-minimal.yaml with `gradients:` on its practice question (from line 49) and `extra` in its visualize item.
    static func lesson(claims: [String], visualize extra: String = "") throws -> String {
        let base = try String(contentsOf: fixtures.appendingPathComponent("valid-minimal.yaml"), encoding: .utf8)
        let block = "        - Picking this.\n      gradients:\n" + claims.map { "        - " + $0 + "\n" }.joined()
        return base.replacingOccurrences(of: "        - Picking this.\n", with: block)
            .replacingOccurrences(of: "  seed: 0\n  input:\n", with: "  seed: 0\n" + extra + "  input:\n")
    }

    static func problems(_ yaml: String) -> [String] {
        LessonDecoder.decodeLesson(yaml: yaml, file: "g.yaml").problems.map(\.description)
    }

    @Test func aValidClaimDecodes() throws {
        let decoded = LessonDecoder.decodeLesson(yaml: try Self.lesson(claims: ["{visualize: 1, of: h, ratio: [0, 2], below: 0.5, above: 1.0e-9}"]), file: "g.yaml")
        #expect(decoded.problems == [])
        let claim = try #require(decoded.lesson?.practice?.questions.first?.gradients.first)
        #expect(claim == GradientClaim(item: 1, state: .h, numerator: 0, denominator: 2, below: 0.5, above: 1e-9,
                                       position: SourcePosition(line: 50, column: 11)))
        #expect(claim.ratioText == "‖∂L/∂h_0‖ / ‖∂L/∂h_2‖")
    }

    @Test func badClaimsSayWhatAndWhere() throws {
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, ratio: [1, 2]}"]))
                == ["g.yaml:50:11: a gradient claim needs 'below', 'above' or both: the bound the ratio must keep"])
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, ratio: 3, below: 1}"]))
                == ["g.yaml:50:33: 'ratio' is two step numbers [a, b]: the claim is about ‖∂L/∂h_a‖ / ‖∂L/∂h_b‖"])
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, of: x, ratio: [1, 2], below: 1}"]))
                == ["g.yaml:50:30: 'of' is h (dL/dh_t) or c (dL/dc_t, LSTM)"])
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, ratio: [1, 2], below: -1}"]))
                == ["g.yaml:50:48: 'below' must be a number above 0, got '-1'"])
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, ratio: [1, 2], belwo: 1}"])) == [
            "g.yaml:50:11: a gradient claim needs 'below', 'above' or both: the bound the ratio must keep",
            "g.yaml:50:41: unknown key 'belwo' (did you mean 'below'?) in a gradient claim",
        ])
    }

    @Test func badLossesSayWhatAndWhere() throws {
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, ratio: [1, 2], below: 1}"], visualize: "  loss: last_unit:3\n"))
                == ["g.yaml:82:9: loss 'last_unit:3' reads feature 3, but the output has 3 (0 to 2)"])
        #expect(Self.problems(try Self.lesson(claims: ["{visualize: 1, ratio: [1, 2], below: 1}"], visualize: "  loss: mean\n"))
                == ["g.yaml:82:9: unknown loss 'mean'; use last_sum, last_unit:N or all_sum (N a feature of the last step's output, from 0)"])
    }

    @Test func theCheckRunsTheEngineAndSaysWhichClaimFails() throws {
        let yaml = try Self.lesson(claims: [
            "{visualize: 1, ratio: [0, 2], below: 1.0e-30}", "{visualize: 2, ratio: [1, 2], below: 1}",
            "{visualize: 1, ratio: [1, 3], below: 1}", "{visualize: 1, of: c, ratio: [1, 2], below: 1}",
            "{visualize: 1, ratio: [0, 2], below: 1000}",
        ])
        let lesson = try #require(LessonDecoder.decodeLesson(yaml: yaml, file: "g.yaml").lesson)
        let gradient = VisualizerGradient(config: VisualizerConfig(section: try #require(lesson.visualize)), seed: 0)
        let ratio = try #require(gradient.ratio(GradientClaim(item: 1, numerator: 0, denominator: 2), batch: 0))
        #expect(LessonGradientCheck.problems(lesson, file: "g.yaml", weights: [:]).map(\.description) == [
            "g.yaml:50:11: gradients: ‖∂L/∂h_0‖ / ‖∂L/∂h_2‖ of visualize item 1 is \(GradientClaim.format(ratio)), not below 1e-30",
            "g.yaml:51:11: gradients: visualize item 2, but the lesson has 1 (1 to 1)",
            "g.yaml:52:11: gradients: step 3, but visualize item 1 has h_0 to h_2",
            "g.yaml:53:11: gradients: 'of: c' is dL/dc_t, LSTM's cell state, but visualize item 1 is an RNN",
        ])
    }

    /// Lesson 6's RNN and LSTM items: the visualizer's norms (the engine's float32 backward) are torch's float64
    /// ones within 1e-4 relative at every step, though they span 15 orders of magnitude.
    @Test func lessonSixNormsAreTorchs() throws {
        let url = Self.lessons.appendingPathComponent("06-why-long-sequences-are-hard.yaml")
        let lesson = try #require(LessonDecoder.decodeLesson(yaml: try String(contentsOf: url, encoding: .utf8), file: "06.yaml").lesson)
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("lesson6_gradients.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 2 && lesson.visualizations.count == 3)
        for (k, item) in items.enumerated() {
            let section = lesson.visualizations[k + 1]
            guard case .stateDict(let path) = section.weights else { Issue.record("item \(k + 2) has no state_dict"); continue }
            #expect(path == item["weights"] as? String)
            let sd = try #require(LessonGradientCheck.stateDict(json: try Data(contentsOf: Self.lessons.appendingPathComponent(path))))
            let g = VisualizerGradient(config: VisualizerConfig(section: section, stateDict: sd), seed: 0)
            for (name, state) in [("h_norms", GradientClaim.State.h), ("c_norms", .c)] {
                guard let torch = item[name] as? [Double] else { continue }
                #expect(torch.count == 41)
                for (step, expected) in torch.enumerated() {
                    let got = try #require(g.norm(state, step: step, batch: 0))
                    #expect(abs(got - expected) <= 1e-4 * expected, "\(item["module"]!) ‖∂L/∂\(state.rawValue)_\(step)‖: \(got) vs torch \(expected)")
                }
            }
        }
        // What the practice question claims, as the numbers show it.
        let rnn = try #require(items[0]["h_norms"] as? [Double]), cell = try #require(items[1]["c_norms"] as? [Double])
        #expect(rnn[1] / rnn[40] < 1e-6 && cell[1] / cell[40] > 0.1)
    }
}
