import Crypto
import Foundation
import InventoryFormat
import InventoryModel

/// Makes and checks API tokens. A token is `snt_<id>_<secret>`: the id is public (lists and
/// logs show it), the secret is 32 random bytes; the store keeps only the SHA-256 of the whole.
public enum TokenIssuer {
    /// A new token of a scope; returns it (shown once) and what the store keeps.
    public static func make(
        name: String, scope: TokenScope, schoolCode: String?, now: Date = Date()
    ) -> (secret: String, token: APIToken, sha256: String) {
        let id = randomHex(bytes: 6)
        let secret = randomHex(bytes: 32)
        let text = "snt_\(id)_\(secret)"
        let token = APIToken(
            id: id, name: name, scope: scope, schoolCode: schoolCode,
            createdAt: ISO8601DateFormatter().string(from: now))
        return (text, token, sha256(text))
    }

    /// The hex SHA-256 of a token's text, as the store keeps it.
    public static func sha256(_ text: String) -> String {
        hex(Array(SHA256.hash(data: Array(text.utf8))))
    }

    /// Random bytes from the system's generator, in hex: secrets, session cookies, form tokens.
    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
