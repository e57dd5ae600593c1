import Foundation
import GovernanceCore

/// Who is calling `/mcp`: a device token (its agent and the token's id), or nobody (only with `--allow-anonymous-mcp`).
enum MCPCaller: Sendable {
    case device(agentID: UUID, tokenID: UUID)
    case anonymous
}

/// Runs one `tools/call` against PostgreSQL. Bad arguments are `invalidParams` (JSON-RPC -32602, naming the argument);
/// a call that is well-formed but cannot be done is a `failed` result (`isError: true`, spec §5.2).
enum MCPToolRunner {
    enum Failure: Error {
        case invalidParams(String)
        case failed(code: String, message: String)
    }

    /// The most an agent's merged `update_agent_metadata` JSON may hold.
    static let maxMetadataBytes = 16 << 10

    static func run(
        tool: String, arguments: [String: JSONPayload], caller: MCPCaller, audit: AuditTrail, on connection: PostgresConnection,
        now: Date = Date()
    ) throws -> JSONPayload {
        let sessionID = try optionalString(arguments, "client_session_id")
        switch tool {
        case MCPToolCatalog.processAgentUpdate:
            let observation = try checkInObservation(arguments, now: now)
            return try transaction(connection) { connection in
                let agentID = try resolveAgent(caller, sessionID: sessionID, name: try optionalString(arguments, "agent_name").map { ($0, "arguments.agent_name") }, on: connection)
                try AgentMonitor.lock(agentID, on: connection)
                let loaded = try AgentMonitor.load(agentID, on: connection)
                guard let applied = try AgentMonitor.apply([observation], agentID: agentID, loaded: loaded, on: connection) else {
                    throw Failure.failed(code: "NO_OBSERVATION", message: "nothing to evaluate")
                }
                let verdict = applied.verdict
                let confidence = try optionalUnit(arguments, "confidence")
                try SummaryIngest.record(
                    AuditEvent(
                        timestamp: now, agentID: agentID, eventType: "check_in", confidence: confidence,
                        payload: .object([
                            "source": .string("mcp"), "client_session_id": .string(sessionID ?? ""),
                            "action": .string(verdict.action.rawValue), "margin": .string(verdict.margin.rawValue),
                            "risk": .number(verdict.risk),
                        ])),
                    audit, connection)
                return .object([
                    "success": .bool(true), "agent_id": .string(agentID.uuidString.lowercased()), "action": .string(verdict.action.rawValue),
                    "margin": .string(verdict.margin.rawValue), "reason": .string(verdict.reason), "E": .number(verdict.E),
                    "I": .number(verdict.I), "S": .number(verdict.S), "V": .number(verdict.V), "coherence": .number(verdict.coherence),
                    "risk_score": .number(verdict.risk), "verdict": .string(verdict.verdict.rawValue), "source": .string("host"),
                ])
            }
        case MCPToolCatalog.identity:
            guard let name = try optionalString(arguments, "name") else { throw Failure.invalidParams("arguments.name: required non-empty string") }
            let label = try validLabel(name, field: "arguments.name")
            return try transaction(connection) { connection in
                let agentID = try resolveAgent(caller, sessionID: sessionID, name: (name, "arguments.name"), on: connection)
                let actor: JSONPayload = switch caller {
                case let .device(_, tokenID): .object(["token_id": .string(tokenID.uuidString.lowercased())])
                case .anonymous: .object(["client_session_id": .string(sessionID ?? "")])
                }
                if let refusal = try AgentStore.rename(agentID, to: label, by: actor, audit: audit, on: connection, now: now) {
                    throw Failure.failed(code: "LABEL_TAKEN", message: "arguments.name: \(refusal)")
                }
                return .object(["success": .bool(true), "agent_id": .string(agentID.uuidString.lowercased()), "name": .string(label.text)])
            }
        case MCPToolCatalog.updateAgentMetadata:
            var metadata = arguments
            if let nested = arguments["metadata"] {
                guard let object = nested.objectValue else { throw Failure.invalidParams("arguments.metadata: expected an object") }
                metadata = object
            }
            metadata["client_session_id"] = nil
            let patch = JSONPayload.object(metadata)
            return try transaction(connection) { connection in
                let agentID = try resolveAgent(caller, sessionID: sessionID, name: try optionalString(arguments, "agent_name").map { ($0, "arguments.agent_name") }, on: connection)
                // Each call merges its keys in, so without a bound a device could grow its row by 64 KiB per request.
                let merged = try connection.query(
                    """
                    UPDATE core.agents SET metadata = metadata || $2::jsonb, updated_at = now()
                    WHERE id = $1 AND octet_length((metadata || $2::jsonb)::text) <= $3 RETURNING id
                    """, [agentID.uuidString, patch.jsonText, String(maxMetadataBytes)])
                guard merged.count == 1 else {
                    throw Failure.failed(
                        code: "METADATA_TOO_LARGE",
                        message: "arguments.metadata: the agent's metadata would exceed \(maxMetadataBytes) bytes; send fewer or smaller keys")
                }
                return .object(["success": .bool(true), "agent_id": .string(agentID.uuidString.lowercased())])
            }
        case MCPToolCatalog.outcomeEvent:
            guard let type = try optionalString(arguments, "outcome_type"), !type.isEmpty else {
                throw Failure.invalidParams("arguments.outcome_type: required non-empty string")
            }
            let score = try optionalUnit(arguments, "outcome_score")
            if let bad = arguments["is_bad"], bad.boolValue == nil { throw Failure.invalidParams("arguments.is_bad: expected a boolean") }
            return try transaction(connection) { connection in
                let agentID = try resolveAgent(caller, sessionID: sessionID, name: nil, on: connection)
                let event = AuditEvent(
                    timestamp: now, agentID: agentID, eventType: "outcome_event", confidence: score,
                    payload: .object([
                        "outcome_type": .string(type), "outcome_score": score.map(JSONPayload.number) ?? .null,
                        "is_bad": arguments["is_bad"] ?? .bool(false), "detail": arguments["detail"] ?? .null,
                    ]))
                try SummaryIngest.record(event, audit, connection)
                return .object(["success": .bool(true), "event_id": .string(event.eventID.uuidString.lowercased())])
            }
        default:
            throw Failure.invalidParams("params.name: unknown tool '\(tool)' (see tools/list)")
        }
    }

    // MARK: Agents and sessions

    /// The agent a call acts for. A device token always acts for its own agent; its session id is bound to that agent
    /// on first use and may not later name another. Anonymous calls find (or create) the agent by session id, but
    /// never act for an agent a device token speaks for: knowing a device's session id is not being that device.
    /// `name` is the requested label of a new anonymous agent, with the field it came from.
    static func resolveAgent(
        _ caller: MCPCaller, sessionID: String?, name: (text: String, field: String)?, on connection: PostgresConnection
    ) throws -> UUID {
        switch caller {
        case let .device(agentID, _):
            guard let sessionID else { return agentID }
            let bound = try connection.query(
                """
                INSERT INTO core.sessions (client_session_id, agent_id) VALUES ($1, $2)
                ON CONFLICT (client_session_id) DO UPDATE SET last_seen_at = now() RETURNING agent_id
                """, [sessionID, agentID.uuidString])
            guard UUID(uuidString: try bound[0].string("agent_id")) == agentID else {
                throw Failure.failed(code: "FORBIDDEN", message: "client_session_id \(sessionID) belongs to another agent")
            }
            return agentID
        case .anonymous:
            guard let sessionID, !sessionID.isEmpty else {
                throw Failure.invalidParams("arguments.client_session_id: required for anonymous calls")
            }
            try connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", ["session:" + sessionID])
            let existing = try connection.query(
                "UPDATE core.sessions SET last_seen_at = now() WHERE client_session_id = $1 RETURNING agent_id", [sessionID])
            if existing.count == 1, let id = UUID(uuidString: try existing[0].string("agent_id")) {
                let tokens = try connection.query("SELECT 1 FROM core.device_tokens WHERE agent_id = $1 LIMIT 1", [id.uuidString])
                guard tokens.count == 0 else {
                    throw Failure.failed(
                        code: "FORBIDDEN",
                        message: "client_session_id \(sessionID) belongs to a device with a token; only a call with that token can act for it")
                }
                return id
            }
            let agentID = UUID()
            let label = try anonymousLabel(name: name, sessionID: sessionID, agentID: agentID, on: connection)
            try connection.query("INSERT INTO core.agents (id, label) VALUES ($1, $2)", [agentID.uuidString, label.text])
            try connection.query("INSERT INTO core.sessions (client_session_id, agent_id) VALUES ($1, $2)", [sessionID, agentID.uuidString])
            return agentID
        }
    }

    /// A new anonymous agent is labelled with the name it asked for when that is free, else with its session id: a
    /// second Pi also calling itself "Lumen" still checks in, and cannot pose as the first.
    private static func anonymousLabel(
        name: (text: String, field: String)?, sessionID: String, agentID: UUID, on connection: PostgresConnection
    ) throws -> AgentLabel {
        var candidates: [AgentLabel] = []
        if let name { candidates.append(try validLabel(name.text, field: name.field)) }
        if let fromSession = try? AgentLabel(sessionID) { candidates.append(fromSession) }
        guard let wanted = candidates.first else {
            throw Failure.invalidParams("arguments.client_session_id: it labels a new agent and is not a valid label; send agent_name")
        }
        for candidate in candidates where try AgentStore.claim(candidate, for: agentID, on: connection) == nil { return candidate }
        throw Failure.failed(code: "LABEL_TAKEN", message: "\(name?.field ?? "arguments.client_session_id"): \(AgentLabelError.taken(wanted.text))")
    }

    /// Runs `body` in `connection.transaction`, so audit lines wait for the commit (a bare BEGIN … COMMIT here once
    /// wrote them before it). A tool's own refusal rolls the transaction back too and comes out unchanged.
    private static func transaction(_ connection: PostgresConnection, _ body: (PostgresConnection) throws -> JSONPayload) throws -> JSONPayload {
        var refusal: (any Error)?
        do {
            return try connection.transaction { (connection) throws(PostgresError) -> JSONPayload in
                do {
                    return try body(connection)
                } catch let error as PostgresError {
                    throw error
                } catch {
                    refusal = error
                    throw PostgresError.server(sqlstate: "P0001", message: "the tool refused the call (rolled back)", detail: nil)
                }
            }
        } catch {
            throw refusal ?? error
        }
    }

    // MARK: Arguments

    /// The observation of a `process_agent_update`: `sensor_data.eisv` (E, I, S clamped to [0, 1]), or the anima
    /// mapped to EISV when only `sensor_data.anima` is sent.
    static func checkInObservation(_ arguments: [String: JSONPayload], now: Date) throws -> MonitorObservation {
        guard let sensor = arguments["sensor_data"]?.objectValue else {
            throw Failure.invalidParams("arguments.sensor_data: required object with eisv {E,I,S,V} or anima {warmth,clarity,stability,presence}")
        }
        let eisv: EISV
        if let object = sensor["eisv"] {
            guard let values = object.objectValue else { throw Failure.invalidParams("arguments.sensor_data.eisv: expected an object") }
            func component(_ key: String) throws -> Double {
                guard let value = values[key]?.doubleValue, value.isFinite else {
                    throw Failure.invalidParams("arguments.sensor_data.eisv.\(key): required finite number")
                }
                return value
            }
            eisv = EISV(E: try component("E"), I: try component("I"), S: try component("S"), V: try component("V"))
        } else if let object = sensor["anima"] {
            guard let values = object.objectValue else { throw Failure.invalidParams("arguments.sensor_data.anima: expected an object") }
            func component(_ key: String) throws -> Double {
                guard let value = values[key]?.doubleValue, value.isFinite, (0...1).contains(value) else {
                    throw Failure.invalidParams("arguments.sensor_data.anima.\(key): required number in [0, 1]")
                }
                return value
            }
            eisv = EISV.mapping(anima: AnimaReading(
                warmth: try component("warmth"), clarity: try component("clarity"), stability: try component("stability"),
                presence: try component("presence")))
        } else {
            throw Failure.invalidParams("arguments.sensor_data: needs eisv {E,I,S,V} or anima {warmth,clarity,stability,presence}")
        }
        let complexity = try optionalUnit(arguments, "complexity") ?? VerdictStep.defaultComplexity
        var drift: [Double] = [0, 0, 0]
        if let value = arguments["ethical_drift"] {
            guard let items = value.arrayValue, let numbers = Optional(items.compactMap(\.doubleValue)), numbers.count == items.count,
                numbers.allSatisfy(\.isFinite)
            else { throw Failure.invalidParams("arguments.ethical_drift: expected an array of numbers") }
            drift = numbers
        }
        func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
        return MonitorObservation(
            recordedAt: now.timeIntervalSince1970, summaryID: nil, E: clamp(eisv.E), I: clamp(eisv.I), S: clamp(eisv.S),
            V: min(1, max(-1, eisv.V)), complexity: complexity, ethicalDrift: drift)
    }

    private static func validLabel(_ text: String, field: String) throws -> AgentLabel {
        do {
            return try AgentLabel(text)
        } catch {
            throw Failure.invalidParams("\(field): \(error)")
        }
    }

    private static func optionalString(_ arguments: [String: JSONPayload], _ key: String) throws -> String? {
        guard let value = arguments[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw Failure.invalidParams("arguments.\(key): expected a string") }
        return text
    }

    private static func optionalUnit(_ arguments: [String: JSONPayload], _ key: String) throws -> Double? {
        guard let value = arguments[key], value != .null else { return nil }
        guard let number = value.doubleValue, number.isFinite, (0...1).contains(number) else {
            throw Failure.invalidParams("arguments.\(key): expected a number in [0, 1]")
        }
        return number
    }
}
