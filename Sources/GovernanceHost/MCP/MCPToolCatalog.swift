/// The tools `/mcp` offers (`tools/list`), with input schemas matching what the anima-mcp Pi client sends.
enum MCPToolCatalog {
    static let processAgentUpdate = "process_agent_update"
    static let identity = "identity"
    static let updateAgentMetadata = "update_agent_metadata"
    static let outcomeEvent = "outcome_event"

    static var tools: JSONPayload {
        .array([
            tool(
                processAgentUpdate,
                "Check in an agent's state; returns a flat verdict (action proceed|pause, margin, reason, E, I, S, V, coherence, risk_score).",
                properties: [
                    "client_session_id": string, "agent_name": string, "complexity": unit, "confidence": unit,
                    "ethical_drift": .object(["type": .string("array"), "items": .object(["type": .string("number")])]),
                    "response_text": string,
                    "sensor_data": .object(["type": .string("object"), "description": .string("eisv {E,I,S,V}, anima {warmth,clarity,stability,presence}, environment, identity, drawing_eisv")]),
                    "trajectory_signature": .object(["type": .string("object")]),
                ], required: ["sensor_data"]),
            tool(identity, "Name the agent behind a client_session_id (sets its label: unique ignoring case, at most 64 printable characters; every rename is audited).",
                 properties: ["client_session_id": string, "name": string], required: ["name"]),
            tool(updateAgentMetadata, "Merge metadata into the agent's record.",
                 properties: ["client_session_id": string, "metadata": .object(["type": .string("object")])], required: []),
            tool(outcomeEvent, "Record an outcome (drawing_completed, drawing_abandoned, …) in the audit trail.",
                 properties: [
                    "client_session_id": string, "outcome_type": string, "outcome_score": unit,
                    "is_bad": .object(["type": .string("boolean")]), "detail": .object(["type": .string("object")]),
                 ], required: ["outcome_type"]),
        ])
    }

    private static let string: JSONPayload = .object(["type": .string("string")])
    private static let unit: JSONPayload = .object(["type": .string("number"), "minimum": .number(0), "maximum": .number(1)])

    private static func tool(_ name: String, _ description: String, properties: [String: JSONPayload], required: [String]) -> JSONPayload {
        .object([
            "name": .string(name), "description": .string(description),
            "inputSchema": .object([
                "type": .string("object"), "properties": .object(properties),
                "required": .array(required.map(JSONPayload.string)), "additionalProperties": .bool(true),
            ]),
        ])
    }
}
