import JSONDocument
import Testing

/// The one JSON type the package reads and writes: canvas.json on the Pi, bridge bodies and MCP requests on the host.
@Suite struct JSONDocumentTests {
    @Test func stringsAndNumbersRoundTripThroughTheWriterAndTheParser() throws {
        let value = JSONValue.object([
            JSONMember(key: "s", value: .string("a\"b\\c\n\u{01}é")), JSONMember(key: "n", value: .number(0.1)),
            JSONMember(key: "i", value: .number(-3)), JSONMember(key: "b", value: .bool(false)), JSONMember(key: "z", value: .null),
        ])
        var text = ""
        value.write(into: &text)
        #expect(text == "{\"s\":\"a\\\"b\\\\c\\n\\u0001é\",\"n\":0.1,\"i\":-3,\"b\":false,\"z\":null}")
        #expect(try JSONParser.parse(Array(text.utf8)) == value)
    }

    @Test(arguments: [
        ("{\"a\":1,\"a\":2}", "duplicate key"),
        (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), "nesting deeper than 32"),
        ("{\"a\":1} x", "unexpected data after the JSON value"),
        ("\"\\ud800\"", ""),
        ("nul", "invalid literal"),
        ("", "unexpected end of input"),
    ])
    func hostileTextIsRefusedWithTheOffset(_ text: String, _ message: String) {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            Issue.record("'\(text.prefix(20))' must not parse")
        } catch {
            #expect(error.message.contains(message), "\(error)")
        }
    }

    /// Non-finite numbers have no JSON form: the writer says null rather than writing `nan` or `inf`.
    @Test func nonFiniteNumbersAreWrittenAsNull() {
        var text = ""
        JSONValue.array([.number(.nan), .number(.infinity), .number(1e300)]).write(into: &text)
        #expect(text == "[null,null,1e+300]")
    }
}
