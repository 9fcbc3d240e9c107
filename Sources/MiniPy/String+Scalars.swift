extension String {
    /// The text of `scalars`. Identifiers, operators and most literals are ASCII: those are copied byte for byte
    /// into the string's storage (small ones stay inline), not appended scalar by scalar to a growing view.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var ascii = true
        for u in scalars where !u.isASCII { ascii = false; break }
        guard ascii else {
            self = String(String.UnicodeScalarView(scalars))
            return
        }
        let n = scalars.count
        self = String(unsafeUninitializedCapacity: n) { buffer in
            var k = 0
            for u in scalars { buffer[k] = UInt8(truncatingIfNeeded: u.value); k += 1 }
            return n
        }
    }

    init(scalars: [Unicode.Scalar]) { self.init(scalars: scalars[...]) }
}
