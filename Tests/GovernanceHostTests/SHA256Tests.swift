import Testing

@testable import GovernanceHost

/// FIPS 180-4 example vectors: the digest the host stores for every token and migration.
@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // 64 bytes exactly: the padding spills into a second block.
        #expect(SHA256.hex(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

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
