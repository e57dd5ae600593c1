import Testing

@testable import GovernanceHost

/// Device and operator tokens: generation, the Authorization header forms, constant-time comparison.
@Suite struct AccessTokenTests {
    @Test func tokenIsSixtyFourHexDigitsFromTheGivenGenerator() {
        var generator = SplitMix(seed: 1)
        let token = AccessToken.generate(using: &generator)
        #expect(token.count == 64)
        #expect(token.allSatisfy { "0123456789abcdef".contains($0) })
        var again = SplitMix(seed: 1)
        #expect(AccessToken.generate(using: &again) == token)
        #expect(AccessToken.generate() != AccessToken.generate())
    }

    @Test func authorizationHeaderCarriesBearerOrBasicPassword() {
        #expect(AccessToken.fromAuthorization("Bearer abc123") == "abc123")
        // base64("lumen:tok3n") — the anima-mcp client's UNITARES_AUTH=lumen:<token>
        #expect(AccessToken.fromAuthorization("Basic bHVtZW46dG9rM24=") == "tok3n")
        #expect(AccessToken.fromAuthorization("Basic bHVtZW46") == nil)
        #expect(AccessToken.fromAuthorization("Token abc") == nil)
        #expect(AccessToken.fromAuthorization(nil) == nil)
        #expect(AccessToken.constantTimeEquals("abc", "abc"))
        #expect(!AccessToken.constantTimeEquals("abc", "abd"))
        #expect(!AccessToken.constantTimeEquals("abc", "abcd"))
    }
}

/// A deterministic generator for tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
