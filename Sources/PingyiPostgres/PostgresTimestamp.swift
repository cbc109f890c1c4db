import Foundation

/// Text conversion of `timestamptz`, `timestamp` and `date` values (DateStyle ISO, TimeZone UTC,
/// which every `Connection` sets for its session).
enum PostgresTimestamp {
    /// `2026-11-28 07:28:46.123456+00`
    static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = interval.rounded(.down)
        var micros = ((interval - seconds) * 1_000_000).rounded()
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(micros))
    }

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][±HH[:MM[:SS]]]`; `nil` when it is not of that form.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ ascii: Character) -> Bool {
            guard index < bytes.count, bytes[index] == ascii.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        if index < bytes.count {
            guard expect(" ") || expect("T"), let h = number(2), expect(":"), let m = number(2), expect(":"),
                let s = number(2)
            else { return nil }
            hour = h
            minute = m
            second = s
            if expect(".") {
                var scale = 0.1
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    fraction += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
            }
            if index < bytes.count {
                let sign: Int
                if expect("+") {
                    sign = 1
                } else if expect("-") {
                    sign = -1
                } else if expect("Z") {
                    sign = 0
                } else {
                    return nil
                }
                if sign != 0 {
                    guard let oh = number(2) else { return nil }
                    var total = oh * 3600
                    if expect(":") {
                        guard let om = number(2) else { return nil }
                        total += om * 60
                        if expect(":") {
                            guard let os = number(2) else { return nil }
                            total += os
                        }
                    }
                    offsetSeconds = sign * total
                }
            }
            guard index == bytes.count else { return nil }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epoch - offsetSeconds) + fraction)
    }
}
