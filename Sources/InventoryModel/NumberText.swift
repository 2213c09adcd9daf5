extension Double {
    /// The shortest text that reads back as this number, as every file and JSON form writes it:
    /// whole numbers up to 2^63 without `.0` or an exponent (Swift alone writes 6141300311758773
    /// as `6141300311758773.0`, which an integer column and an OpenAPI integer refuse).
    public var shortestText: String {
        wholeNumber.map { String($0) } ?? description
    }

    /// This number as an integer, when it is a whole number that text writes as one: below 2^63
    /// in size, so that it fits an Int64.
    public var wholeNumber: Int64? {
        self == rounded(.towardZero) && abs(self) < 9.2e18 ? Int64(self) : nil
    }
}
