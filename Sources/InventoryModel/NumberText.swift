extension Double {
    /// The shortest text that reads back as this number, as every file and JSON form writes it:
    /// whole numbers up to 2^63 without `.0` or an exponent (Swift alone writes 6141300311758773
    /// as `6141300311758773.0`, which an integer column and an OpenAPI integer refuse).
    public var shortestText: String {
        self == rounded(.towardZero) && abs(self) < 9.2e18 ? String(Int64(self)) : description
    }
}
