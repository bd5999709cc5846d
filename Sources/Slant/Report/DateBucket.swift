/// Calendar periods for the corpus report's time lines: an ISO 8601 date is put in its week, month or year.
///
/// Accepted dates: `YYYY-MM-DD`, optionally followed by a time (`T` or a space, then anything: `2020-03-09T14:00:00Z`,
/// `2020-03-09 14:00`), and `YYYY-MM` (month or year periods) and `YYYY` (year periods). The date is taken as
/// written: a time-zone offset is not applied (a story dated `2020-03-01T00:30+02:00` is in March). Weeks are ISO
/// weeks (Monday to Sunday, numbered within the ISO week-year: 2021-01-01 is in `2020-W53`).
public enum DatePeriod: String, CaseIterable, Sendable {
    case week, month, year

    /// A parsed calendar date.
    public struct Day: Equatable, Sendable {
        /// The year (1 or later), month (1–12) and day of the month.
        public var year: Int, month: Int, day: Int
        /// A date; the caller checks that it exists (`bucket` does).
        public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    }

    /// Why a value is not a usable date.
    public enum Problem: Error, Equatable, Sendable {
        /// The value is absent, null or empty.
        case missing
        /// The value is not an ISO date this period can use; the message says why.
        case invalid(String)
    }

    /// The period holding `value`'s date: `2020-W11`, `2020-03` or `2020`. Periods of one kind sort as strings
    /// in time order.
    public func bucket(_ value: String?) -> Result<String, Problem> {
        guard let raw = value?.trimmingCharacters(), !raw.isEmpty else { return .failure(.missing) }
        let b = Array(raw.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for k in r { guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }; v = v * 10 + Int(b[k] - 0x30) }
            return v
        }
        guard let year = num(0..<4), year >= 1 else { return .failure(.invalid("'\(raw)' does not start with a four-digit year")) }
        if b.count == 4 {
            return self == .year ? .success(Self.pad(year, 4)) : .failure(.invalid("'\(raw)' has no month and day for a \(rawValue)"))
        }
        guard b.count >= 7, b[4] == UInt8(ascii: "-"), let month = num(5..<7) else { return .failure(.invalid("'\(raw)' is not an ISO date (YYYY-MM-DD)")) }
        guard (1...12).contains(month) else { return .failure(.invalid("'\(raw)' has month \(month), not 1 to 12")) }
        if b.count == 7 {
            switch self {
            case .year: return .success(Self.pad(year, 4))
            case .month: return .success(Self.pad(year, 4) + "-" + Self.pad(month, 2))
            case .week: return .failure(.invalid("'\(raw)' has no day for a week"))
            }
        }
        guard b.count >= 10, b[7] == UInt8(ascii: "-"), let day = num(8..<10) else { return .failure(.invalid("'\(raw)' is not an ISO date (YYYY-MM-DD)")) }
        guard (1...Self.daysIn(year: year, month: month)).contains(day) else {
            return .failure(.invalid("'\(raw)' has day \(day), and \(Self.pad(year, 4))-\(Self.pad(month, 2)) has \(Self.daysIn(year: year, month: month)) days"))
        }
        if b.count > 10, b[10] != UInt8(ascii: "T"), b[10] != UInt8(ascii: " "), b[10] != UInt8(ascii: "t") {
            return .failure(.invalid("'\(raw)' has '\(String(decoding: b[10..<11], as: UTF8.self))' after the date, expected 'T' or a space"))
        }
        return .success(label(Day(year: year, month: month, day: day)))
    }

    /// The period label of a valid day.
    public func label(_ d: Day) -> String {
        switch self {
        case .year: return Self.pad(d.year, 4)
        case .month: return Self.pad(d.year, 4) + "-" + Self.pad(d.month, 2)
        case .week:
            let w = Self.isoWeek(d)
            return Self.pad(w.year, 4) + "-W" + Self.pad(w.week, 2)
        }
    }

    static func pad(_ v: Int, _ n: Int) -> String {
        let s = String(v)
        return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(_ d: Day) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The ISO 8601 week-year and week of a date: weeks start on Monday, and week 1 holds the year's first Thursday.
    static func isoWeek(_ d: Day) -> (year: Int, week: Int) {
        let days = daysFromCivil(d)
        let weekday = ((days % 7) + 7 + 3) % 7          // Monday 0 ... Sunday 6 (1970-01-01 was a Thursday)
        let thursday = days - weekday + 3                 // the Thursday of this week decides its year
        var y = d.year
        if thursday < daysFromCivil(Day(year: y, month: 1, day: 1)) { y -= 1 } else if thursday >= daysFromCivil(Day(year: y + 1, month: 1, day: 1)) { y += 1 }
        let week = (thursday - daysFromCivil(Day(year: y, month: 1, day: 1))) / 7 + 1
        return (y, week)
    }
}
