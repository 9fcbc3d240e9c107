import Foundation

/// The xAPI 1.0.3 statement rules (xAPI-Data.md, section 2.4) for the properties Unroll writes, checked on
/// parsed JSON; every broken rule is one line naming the property. Written from the specification, not
/// from the code it checks: required properties, the types and forms of values, the agent's single
/// inverse functional identifier, score bounds, ISO 8601 timestamps and durations, IRIs, language maps,
/// and no properties the specification does not define.
enum XAPISchema {
    static func problems(_ json: Any) -> [String] {
        var out: [String] = []
        guard let s = json as? [String: Any] else { return ["statement: not an object"] }
        only(s, ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"],
             "statement", &out)
        if let id = s["id"] { if !isUUID(id) { out.append("id: not a UUID") } }
        if let actor = s["actor"] { agent(actor, "actor", &out) } else { out.append("actor: required") }
        if let verb = s["verb"] as? [String: Any] {
            only(verb, ["id", "display"], "verb", &out)
            if !isIRI(verb["id"]) { out.append("verb.id: required, an IRI") }
            if let d = verb["display"] { languageMap(d, "verb.display", &out) }
        } else { out.append("verb: required, an object") }
        if let object = s["object"] { activity(object, "object", &out) } else { out.append("object: required") }
        if let result = s["result"] { self.result(result, &out) }
        if let context = s["context"] { self.context(context, &out) }
        if let t = s["timestamp"] { if !isTimestamp(t) { out.append("timestamp: not an ISO 8601 timestamp with a zone") } }
        if let v = s["version"] as? String, !v.hasPrefix("1.0") { out.append("version: not 1.0.x") }
        return out
    }

    static func agent(_ any: Any, _ at: String, _ out: inout [String]) {
        guard let a = any as? [String: Any] else { out.append("\(at): not an object"); return }
        only(a, ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"], at, &out)
        if let t = a["objectType"], t as? String != "Agent" { out.append("\(at).objectType: must be Agent") }
        if let n = a["name"], !(n is String) { out.append("\(at).name: not a string") }
        let ifis = ["mbox", "mbox_sha1sum", "openid", "account"].filter { a[$0] != nil }
        if ifis.count != 1 { out.append("\(at): exactly one of mbox, mbox_sha1sum, openid, account (found \(ifis.count))") }
        if let m = a["mbox"] as? String, !m.hasPrefix("mailto:") { out.append("\(at).mbox: not a mailto IRI") }
        if let account = a["account"] {
            guard let acc = account as? [String: Any] else { out.append("\(at).account: not an object"); return }
            only(acc, ["homePage", "name"], "\(at).account", &out)
            if !isIRI(acc["homePage"]) { out.append("\(at).account.homePage: required, an IRL") }
            if (acc["name"] as? String)?.isEmpty != false { out.append("\(at).account.name: required, a string") }
        }
    }

    static func activity(_ any: Any, _ at: String, _ out: inout [String]) {
        guard let a = any as? [String: Any] else { out.append("\(at): not an object"); return }
        only(a, ["objectType", "id", "definition"], at, &out)
        if let t = a["objectType"], t as? String != "Activity" { out.append("\(at).objectType: must be Activity") }
        if !isIRI(a["id"]) { out.append("\(at).id: required, an IRI") }
        guard let def = a["definition"] else { return }
        guard let d = def as? [String: Any] else { out.append("\(at).definition: not an object"); return }
        only(d, ["name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern", "choices", "scale",
                 "source", "target", "steps", "extensions"], "\(at).definition", &out)
        if let n = d["name"] { languageMap(n, "\(at).definition.name", &out) }
        if let n = d["description"] { languageMap(n, "\(at).definition.description", &out) }
        if d["type"] != nil, !isIRI(d["type"]) { out.append("\(at).definition.type: not an IRI") }
        if let i = d["interactionType"] {
            let types = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"]
            if !types.contains(i as? String ?? "") { out.append("\(at).definition.interactionType: not an xAPI interaction type") }
        }
    }

    static func result(_ any: Any, _ out: inout [String]) {
        guard let r = any as? [String: Any] else { out.append("result: not an object"); return }
        only(r, ["score", "success", "completion", "response", "duration", "extensions"], "result", &out)
        for key in ["success", "completion"] where r[key] != nil && !isBool(r[key]!) { out.append("result.\(key): not a boolean") }
        if let v = r["response"], !(v is String) { out.append("result.response: not a string") }
        if let v = r["duration"] { if !isDuration(v) { out.append("result.duration: not an ISO 8601 duration") } }
        if let e = r["extensions"] { extensions(e, "result.extensions", &out) }
        guard let score = r["score"] else { return }
        guard let sc = score as? [String: Any] else { out.append("result.score: not an object"); return }
        only(sc, ["scaled", "raw", "min", "max"], "result.score", &out)
        func number(_ k: String) -> Double? {
            guard let v = sc[k] else { return nil }
            guard let n = v as? NSNumber, !isBool(v) else { out.append("result.score.\(k): not a number"); return nil }
            return n.doubleValue
        }
        let (scaled, raw, min, max) = (number("scaled"), number("raw"), number("min"), number("max"))
        if let scaled, !(-1 ... 1).contains(scaled) { out.append("result.score.scaled: outside -1…1") }
        if let min, let max, min >= max { out.append("result.score.min: not below max") }
        if let raw, let min, raw < min { out.append("result.score.raw: below min") }
        if let raw, let max, raw > max { out.append("result.score.raw: above max") }
    }

    static func context(_ any: Any, _ out: inout [String]) {
        guard let c = any as? [String: Any] else { out.append("context: not an object"); return }
        only(c, ["registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions"],
             "context", &out)
        if let r = c["registration"], !isUUID(r) { out.append("context.registration: not a UUID") }
        if let p = c["platform"], !(p is String) { out.append("context.platform: not a string") }
        if let e = c["extensions"] { extensions(e, "context.extensions", &out) }
        guard let ca = c["contextActivities"] else { return }
        guard let acts = ca as? [String: Any] else { out.append("context.contextActivities: not an object"); return }
        only(acts, ["parent", "grouping", "category", "other"], "context.contextActivities", &out)
        for (key, value) in acts {
            let list = value as? [Any] ?? [value]
            for (i, a) in list.enumerated() { activity(a, "context.contextActivities.\(key)[\(i)]", &out) }
        }
    }

    static func extensions(_ any: Any, _ at: String, _ out: inout [String]) {
        guard let e = any as? [String: Any] else { out.append("\(at): not an object"); return }
        for key in e.keys where !isIRI(key) { out.append("\(at): key \(key) is not an IRI") }
    }

    static func languageMap(_ any: Any, _ at: String, _ out: inout [String]) {
        guard let m = any as? [String: Any] else { out.append("\(at): not a language map"); return }
        for (tag, text) in m {
            if tag.range(of: #"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"#, options: .regularExpression) == nil { out.append("\(at): \(tag) is not a language tag") }
            if !(text is String) { out.append("\(at).\(tag): not a string") }
        }
    }

    static func only(_ object: [String: Any], _ allowed: [String], _ at: String, _ out: inout [String]) {
        for key in object.keys.sorted() where !allowed.contains(key) { out.append("\(at): \(key) is not an xAPI property here") }
    }

    static func isIRI(_ any: Any?) -> Bool {
        guard let s = any as? String else { return false }
        return s.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"#, options: .regularExpression) != nil
    }

    static func isUUID(_ any: Any) -> Bool {
        guard let s = any as? String else { return false }
        return s.range(of: #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"#, options: .regularExpression) != nil
    }

    static func isTimestamp(_ any: Any) -> Bool {
        guard let s = any as? String else { return false }
        return s.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
    }

    static func isDuration(_ any: Any) -> Bool {
        guard let s = any as? String, s != "P", s != "PT" else { return false }
        return s.range(of: #"^P(\d+(\.\d+)?W|(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)$"#, options: .regularExpression) != nil
            && !s.hasSuffix("T")
    }

    /// JSONSerialization gives true and false as NSNumbers of type "c" (a number 0 or 1 also casts to Bool).
    static func isBool(_ any: Any) -> Bool {
        guard let n = any as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }
}
