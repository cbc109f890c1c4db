extension String {
    /// The string without leading and trailing white space (including the full-width space
    /// U+3000 that Chinese input methods type).
    func trimmingSpaces() -> String {
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
