/// The largest values a number read from outside (a file, a request, an option) may take.
///
/// Wide enough for any real school network, narrow enough that no sum, product or conversion
/// the planners make of them can overflow: a city of millions of assets priced at the limit
/// still sums to the fen in 64 bits, and a life or a date moved by it stays a date.
public enum Limits {
    /// An asset's expected life, years.
    public static let lifeYears = 100.0
    /// A link's contracted rate or a measured rate, Mbps: below a petabit.
    public static let rateMbps = 1e9
    /// An egress link's capacity, Gbps: a petabit.
    public static let egressGbps = 1e6
    /// A storage pool's capacity or use, TB: a zettabyte.
    public static let storageTB = 1e9
    /// One price or monthly cost, yuan: a billion yuan (10 亿元).
    public static let yuan = 1e9
    /// A test's or a sample's duration, seconds: a year.
    public static let durationSeconds = 366.0 * 86_400
    /// A round-trip time, milliseconds: a day.
    public static let rttMilliseconds = 86_400_000.0
    /// Classes of one stage in one school.
    public static let classes = 10_000
    /// Students of one school.
    public static let students = 10_000_000
    /// Staff of one school or one district's information centre.
    public static let staff = 100_000
}
