import Foundation

/// JSON-RPC 2.0 framing for the MCP bridge: request parsing with the standard error codes, and response bodies.
enum JSONRPC {
    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603

    struct Request {
        /// nil for a notification (no `id` member): no response is sent.
        var id: JSONPayload?
        var method: String
        var params: JSONPayload?
    }

    struct Failure: Error {
        var code: Int
        var message: String
        var id: JSONPayload = .null
    }

    /// Parses a body into one request, or the error object to answer with.
    static func parse(_ body: [UInt8]) -> Result<Request, Failure> {
        let document: JSONPayload
        do {
            document = try JSONPayload.parseStrict(body)
        } catch {
            return .failure(Failure(code: parseError, message: "parse error: \(error.message)"))
        }
        guard case let .object(members) = document else {
            let what = document.arrayValue != nil ? "batch requests are not supported; send one object" : "the body must be a JSON-RPC request object"
            return .failure(Failure(code: invalidRequest, message: "invalid request: \(what)"))
        }
        let id = members["id"]
        if let id, !(id.stringValue != nil || id.doubleValue != nil || id == .null) {
            return .failure(Failure(code: invalidRequest, message: "invalid request: id must be a string, number or null"))
        }
        guard members["jsonrpc"]?.stringValue == "2.0" else {
            return .failure(Failure(code: invalidRequest, message: "invalid request: jsonrpc must be \"2.0\"", id: id ?? .null))
        }
        guard let method = members["method"]?.stringValue else {
            return .failure(Failure(code: invalidRequest, message: "invalid request: method must be a string", id: id ?? .null))
        }
        if let params = members["params"], params.objectValue == nil, params.arrayValue == nil {
            return .failure(Failure(code: invalidRequest, message: "invalid request: params must be an object or array", id: id ?? .null))
        }
        return .success(Request(id: id, method: method, params: members["params"]))
    }

    static func result(id: JSONPayload, _ result: JSONPayload) -> String {
        JSONPayload.object(["jsonrpc": .string("2.0"), "id": id, "result": result]).jsonText
    }

    static func error(_ failure: Failure) -> String {
        JSONPayload.object([
            "jsonrpc": .string("2.0"), "id": failure.id,
            "error": .object(["code": .number(Double(failure.code)), "message": .string(failure.message)]),
        ]).jsonText
    }
}
