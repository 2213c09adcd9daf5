import Foundation

/// How long a fuzz test runs and where its random sequence starts, the same for every fuzz test.
public enum Fuzzing {
    /// Mutations to try: `SCHOOLNET_FUZZ_ITERATIONS`, else the default a CI run can afford.
    public static func iterations(default value: Int) -> Int {
        ProcessInfo.processInfo.environment["SCHOOLNET_FUZZ_ITERATIONS"].flatMap(Int.init) ?? value
    }

    /// The seed: `SCHOOLNET_FUZZ_SEED`, else the test's own, so CI repeats its run and a failure
    /// is made again from the seed it names.
    public static func seed(default value: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["SCHOOLNET_FUZZ_SEED"].flatMap(UInt64.init) ?? value
    }
}
