import ArgumentParser
import Foundation
import InventoryAPI
import InventoryModel

struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Make, list and revoke the service's API tokens.",
        discussion: """
            admin writes the inventory and reads everything; planner reads everything; probe writes the \
            measurements of its one school (--school) and nothing else. A token is shown once, when it is \
            made; the database keeps only its SHA-256.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token and print it (once).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "admin, planner or probe.") var scope: String
        @Option(help: "The school a probe token writes for (required for probe, refused otherwise).")
        var school: String?
        @Option(help: "A name to recognise it by, e.g. the probe's host.") var name: String?

        func validate() throws {
            guard let scope = TokenScope(rawValue: scope) else {
                throw ValidationError("--scope must be admin, planner or probe, not \"\(scope)\"")
            }
            if scope == .probe, school == nil { throw ValidationError("a probe token needs --school CODE") }
            if scope != .probe, school != nil { throw ValidationError("--school is for probe tokens only") }
        }

        func run() async throws {
            let scope = TokenScope(rawValue: scope)!
            let made = try await database.withStore { store in
                if let school, try await !store.unknownSchools([school]).isEmpty {
                    Terminal.error("error: no school has the code \"\(school)\" in \(database.path)")
                    throw badInputExitCode
                }
                let made = TokenIssuer.make(name: name ?? scope.rawValue, scope: scope, schoolCode: school)
                try await store.addToken(made.token, sha256: made.sha256)
                return made
            }
            print(made.secret)
            Terminal.error("token \(made.token.id) (\(scope.rawValue)) made; it is not shown again")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let tokens = try await database.withStore { try await $0.tokens() }
            print(["id", "name", "scope", "school", "created", "revoked"].joined(separator: "\t"))
            for token in tokens {
                print(
                    [
                        token.id, token.name, token.scope.rawValue, token.schoolCode ?? "-", token.createdAt,
                        token.revokedAt ?? "-",
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id; it stops working at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token's id (from list).") var id: String

        func run() async throws {
            let revoked = try await database.withStore { store in
                try await store.revokeToken(id: id, at: ISO8601DateFormatter().string(from: Date()))
            }
            guard revoked else {
                Terminal.error("error: no valid token has the id \"\(id)\"")
                throw badInputExitCode
            }
            print("revoked \(id)")
        }
    }
}
