import SHA256Digest
import Foundation

/// Bearer tokens: 32 random bytes from the system generator (getrandom), shown once as 64 hex digits.
/// Only their SHA-256 is stored, so a copy of the database lets nobody sign in.
public enum AccessToken {
    public static func generate<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// The stored form: SHA-256 of the token text, as hex for `decode($1, 'hex')`.
    public static func hashHex(_ token: String) -> String { SHA256.hex(token) }

    /// Constant-time comparison of two equal-length strings' bytes, for any comparison made in Swift.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// The token carried by an `Authorization` header: `Bearer <token>`, or `Basic base64(user:<token>)` (the password
    /// is the token, as the existing anima-mcp client sends with `UNITARES_AUTH=lumen:<token>`).
    public static func fromAuthorization(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        let value = String(parts[1]).trimmingSpaces
        switch scheme {
        case "bearer":
            return value.isEmpty ? nil : value
        case "basic":
            guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else { return nil }
            let password = String(text[text.index(after: colon)...])
            return password.isEmpty ? nil : password
        default:
            return nil
        }
    }
}

/// Who a request acts for.
public enum Principal: Sendable, Equatable {
    /// A device: may write only its own agent.
    case device(agentID: UUID, tokenID: UUID)
    /// An operator: may read every agent.
    case `operator`(tokenID: UUID)
}
