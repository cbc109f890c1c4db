extension String {
    /// The string without leading and trailing white space (including the full-width space
    /// U+3000 that Chinese input methods type).
    func trimmingSpaces() -> String {
        // Most cells start and end with a printable ASCII character: nothing to trim.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension Character {
    /// An ASCII digit 0–9 (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
