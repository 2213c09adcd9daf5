/// When one probe's results were taken, sorted, so the last before any day is a binary search.
public struct ProbeHistory: Sendable {
    public var schoolCode: String
    public var probeID: String
    var resultTimesMs: [Int64] = []
    var testTimesMs: [Int64] = []

    init(schoolCode: String, probeID: String) {
        self.schoolCode = schoolCode
        self.probeID = probeID
    }

    mutating func add(_ time: Int64, isTest: Bool) {
        resultTimesMs.append(time)
        if isTest { testTimesMs.append(time) }
    }

    /// The last result and the last test before an instant.
    func last(before endMs: Int64) -> (result: Int64?, test: Int64?) {
        (Self.last(resultTimesMs, before: endMs), Self.last(testTimesMs, before: endMs))
    }

    private static func last(_ times: [Int64], before endMs: Int64) -> Int64? {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < endMs { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : times[low - 1]
    }
}
