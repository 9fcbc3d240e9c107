import Foundation

/// CPython's `random` module: the same Mersenne Twister (MT19937), seeded the same way from an int, and the same
/// algorithms on top (`random`, `randrange`/`randint`, `choice`, `shuffle`, `sample`, `uniform`, `gauss`, …), so a
/// learner's `random.seed(0); random.shuffle(data)` gives the order CPython gives.
struct MersenneTwister {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var index = 625
    var gaussNext: Double?

    init(seed: UInt64) { seedWith(seed) }

    mutating func seedWith(_ seed: UInt64) {
        var key: [UInt32] = []
        var n = seed
        repeat { key.append(UInt32(truncatingIfNeeded: n)); n >>= 32 } while n != 0
        initByArray(key)
        gaussNext = nil
    }

    private mutating func initGenrand(_ s: UInt32) {
        mt[0] = s
        for i in 1..<624 { mt[i] = 1812433253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i) }
        index = 624
    }

    private mutating func initByArray(_ key: [UInt32]) {
        initGenrand(19650218)
        var i = 1, j = 0
        for _ in 0..<max(624, key.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1664525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { mt[0] = mt[623]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<623 {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1566083941)) &- UInt32(i)
            i += 1
            if i >= 624 { mt[0] = mt[623]; i = 1 }
        }
        mt[0] = 0x80000000
    }

    mutating func next32() -> UInt32 {
        if index >= 624 {
            for k in 0..<624 {
                let y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908b0df)
            }
            index = 0
        }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y
    }

    /// `random.random()`: 53 random bits.
    mutating func random() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    /// `getrandbits(k)`, k ≤ 64.
    mutating func bits(_ k: Int) -> UInt64 {
        if k <= 32 { return UInt64(next32() >> (32 - UInt32(k))) }
        let low = UInt64(next32())
        let high = UInt64(next32() >> (64 - UInt32(k)))
        return low | high << 32
    }

    /// `_randbelow(n)`: rejection sampling on `n.bit_length()` bits.
    mutating func below(_ n: Int) -> Int {
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = bits(k)
        while r >= UInt64(n) { r = bits(k) }
        return Int(r)
    }
}

extension PythonModules {
    nonisolated(unsafe) static let random: Namespace = {
        func fn(_ name: String, _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            Builtins.fn(name, body)
        }
        func int(_ v: PyValue) throws(PyError) -> Int {
            if let n = v.asIndex { return n }
            if case .float(let f) = v, f == f.rounded() { return Int(f) }
            throw v.notAnIndex("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        func randrange(_ a: [PyValue], _ i: Interpreter) throws(PyError) -> Int {
            guard !a.isEmpty, a.count <= 3 else { throw .typeError("randrange expected at most 3 arguments, got \(a.count)") }
            let start = try int(a[0])
            if a.count == 1 {
                if start > 0 { return i.pyRandom.below(start) }
                throw .valueError("empty range for randrange()")
            }
            let stop = try int(a[1])
            let step = a.count > 2 ? try int(a[2]) : 1
            let width = stop - start
            if step == 1 {
                if width > 0 { return start + i.pyRandom.below(width) }
                throw .valueError("empty range for randrange() (\(start), \(stop), \(width))")
            }
            let n = step > 0 ? (width + step - 1) / step : step < 0 ? (width + step + 1) / step : 0
            if step == 0 { throw .valueError("zero step for randrange()") }
            if n <= 0 { throw .valueError("empty range for randrange()") }
            return start + step * i.pyRandom.below(n)
        }
        var a: [String: PyValue] = [:]
        a["seed"] = fn("seed") { args, _, i throws(PyError) in
            switch args.first {
            case nil, .none?: i.pyRandom.seedWith(UInt64.random(in: 0...UInt64.max))
            case .int(let n)?: i.pyRandom.seedWith(UInt64(n.magnitude))
            case .bool(let b)?: i.pyRandom.seedWith(b ? 1 : 0)
            case .float(let f)?:
                // CPython seeds from hash(float), which for a whole number is the number.
                guard f == f.rounded(), abs(f) < 9.2e18 else {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support random.seed of a fractional float yet")
                }
                i.pyRandom.seedWith(UInt64(Int(f).magnitude))
            case let v?:
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support random.seed of a \(v.typeName) yet")
            }
            return .none
        }
        a["random"] = fn("random") { _, _, i throws(PyError) in .float(i.pyRandom.random()) }
        a["uniform"] = fn("uniform") { args, _, i throws(PyError) in
            guard args.count == 2, let lo = args[0].asDouble, let hi = args[1].asDouble else { throw .typeError("uniform() missing required arguments") }
            return .float(lo + (hi - lo) * i.pyRandom.random())
        }
        a["randrange"] = fn("randrange") { args, _, i throws(PyError) in .int(try randrange(args, i)) }
        a["randint"] = fn("randint") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("Random.randint() missing \(2 - args.count) required positional argument\(args.count == 1 ? "" : "s")") }
            return .int(try randrange([args[0], .int(try int(args[1]) + 1)], i))
        }
        a["getrandbits"] = fn("getrandbits") { args, _, i throws(PyError) in
            guard let k = args.first?.asIndex, k >= 0 else { throw .valueError("number of bits must be non-negative") }
            guard k <= 63 else { throw Lexer.bigInt(0) }
            return .int(k == 0 ? 0 : Int(i.pyRandom.bits(k)))
        }
        a["choice"] = fn("choice") { args, _, i throws(PyError) in
            guard args.count == 1 else { throw .typeError("Random.choice() takes 2 positional arguments but \(args.count + 1) were given") }
            let items = try i.iterate(args[0])
            if items.isEmpty { throw .indexError("Cannot choose from an empty sequence") }
            return items[i.pyRandom.below(items.count)]
        }
        a["shuffle"] = fn("shuffle") { args, _, i throws(PyError) in
            guard case .list(let l)? = args.first else { throw .typeError("'\(args.first?.typeName ?? "nothing")' object does not support item assignment") }
            var k = l.items.count - 1
            while k >= 1 {
                let j = i.pyRandom.below(k + 1)
                l.items.swapAt(k, j)
                k -= 1
            }
            return .none
        }
        a["sample"] = fn("sample") { args, kwargs, i throws(PyError) in
            let b = try bind("sample", ["population", "k", "counts"], required: 2, args, kwargs)
            if case .object(is SetObject) = b[0]! {
                throw .typeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
            }
            let population = try i.iterate(b[0]!)
            let k = try int(b[1]!)
            let n = population.count
            guard k >= 0, k <= n else { throw .valueError("Sample larger than population or is negative") }
            var result: [PyValue] = []
            var setsize = 21
            if k > 5 { setsize += Int(Foundation.pow(4.0, (Foundation.log(Double(k * 3)) / Foundation.log(4.0)).rounded(.up))) }
            if n <= setsize {
                var pool = population
                for j in 0..<k {
                    let r = i.pyRandom.below(n - j)
                    result.append(pool[r])
                    pool[r] = pool[n - j - 1]
                }
            } else {
                var selected = Set<Int>()
                for _ in 0..<k {
                    var r = i.pyRandom.below(n)
                    while selected.contains(r) { r = i.pyRandom.below(n) }
                    selected.insert(r)
                    result.append(population[r])
                }
            }
            return .list(PyList(result))
        }
        a["choices"] = fn("choices") { args, kwargs, i throws(PyError) in
            let b = try bind("choices", ["population", "weights", "cum_weights", "k"], required: 1, args, kwargs)
            let population = try i.iterate(b[0]!)
            let k = try b[3].map { v throws(PyError) in try int(v) } ?? 1
            let n = population.count
            var cum: [Double]?
            if let w = b[1], !w.isNone {
                var acc = 0.0
                cum = []
                for x in try i.iterate(w) { acc += x.asDouble ?? 0; cum!.append(acc) }
            } else if let c = b[2], !c.isNone {
                cum = try i.iterate(c).map { $0.asDouble ?? 0 }
            }
            var out: [PyValue] = []
            guard let cum else {
                if n == 0 { throw .indexError("Cannot choose from an empty sequence") }
                for _ in 0..<k { out.append(population[Int((i.pyRandom.random() * Double(n)).rounded(.down))]) }
                return .list(PyList(out))
            }
            guard cum.count == n else { throw .valueError("The number of weights does not match the population") }
            let total = cum.last ?? 0
            for _ in 0..<k {
                let x = i.pyRandom.random() * total
                var lo = 0, hi = n - 1
                while lo < hi { let mid = (lo + hi) / 2; if x < cum[mid] { hi = mid } else { lo = mid + 1 } }
                out.append(population[lo])
            }
            return .list(PyList(out))
        }
        a["gauss"] = fn("gauss") { args, kwargs, i throws(PyError) in
            let b = try bind("gauss", ["mu", "sigma"], required: 0, args, kwargs)
            let mu = b[0]?.asDouble ?? 0, sigma = b[1]?.asDouble ?? 1
            var z: Double
            if let g = i.pyRandom.gaussNext { z = g; i.pyRandom.gaussNext = nil } else {
                let x2pi = i.pyRandom.random() * 2 * Double.pi
                let g2rad = (-2.0 * Foundation.log(1.0 - i.pyRandom.random())).squareRoot()
                z = Foundation.cos(x2pi) * g2rad
                i.pyRandom.gaussNext = Foundation.sin(x2pi) * g2rad
            }
            return .float(mu + z * sigma)
        }
        a["normalvariate"] = fn("normalvariate") { args, kwargs, i throws(PyError) in
            let b = try bind("normalvariate", ["mu", "sigma"], required: 0, args, kwargs)
            let mu = b[0]?.asDouble ?? 0, sigma = b[1]?.asDouble ?? 1
            let magic = 4 * Foundation.exp(-0.5) / 2.0.squareRoot()
            var z = 0.0
            while true {
                let u1 = i.pyRandom.random(), u2 = 1.0 - i.pyRandom.random()
                z = magic * (u1 - 0.5) / u2
                if z * z / 4.0 <= -Foundation.log(u2) { break }
            }
            return .float(mu + z * sigma)
        }
        return Namespace("random", a)
    }()
}
