/// The OpenAPI 3.1 description of every route, served at `GET /openapi.json`. It is the same text as the committed
/// docs/openapi.json (a test asserts they are identical): edit both together.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Anima governance host",
    "version": "1",
    "description": "The Postgres-only governance host Anima devices sync to. JSON is snake_case; every time is RFC 3339 UTC with Z."
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8767"
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ],
  "paths": {
    "/v1/summaries": {
      "post": {
        "summary": "Store a batch of summaries (idempotent by summary id)",
        "operationId": "postSummaries",
        "description": "Device token only; the batch is stored whole or not at all, in one transaction. Re-sent ids count as duplicates and change nothing. An X-Agent-Id header naming another agent than the token's gets 403.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SummaryBatch"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Stored",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SummaryResponse"
                }
              }
            }
          },
          "400": {
            "description": "Bad item: the whole batch is refused; field names the path, e.g. summaries[3].anima.warmth",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "Token of the wrong kind or of another agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "Body over 1 MiB or batch outside 1…1000 items",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "Database unavailable or pool exhausted; retry",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/agents": {
      "get": {
        "summary": "Every agent with its latest verdict (operator token)",
        "operationId": "listAgents",
        "responses": {
          "200": {
            "description": "Agents",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "agents": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/AgentOverview"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "Token of the wrong kind or of another agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/agents/{id}": {
      "get": {
        "summary": "One agent's latest state and verdict (operator token)",
        "operationId": "getAgent",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AgentOverview"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "Token of the wrong kind or of another agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/agents/{id}/history": {
      "get": {
        "summary": "agent_state rows, oldest to newest (operator token)",
        "operationId": "getAgentHistory",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 10000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "History",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "history": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/AgentState"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "Token of the wrong kind or of another agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/agents/{id}/summaries": {
      "get": {
        "summary": "Stored summaries, oldest to newest (operator token)",
        "operationId": "getAgentSummaries",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 10000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Summaries",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "summaries": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Summary"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "Token of the wrong kind or of another agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/health": {
      "get": {
        "summary": "Liveness, schema version, pool metrics, uptime (no auth)",
        "operationId": "health",
        "security": [],
        "responses": {
          "200": {
            "description": "Healthy",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "503": {
            "description": "Database unreachable",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "openapi",
        "security": [],
        "responses": {
          "200": {
            "description": "OpenAPI 3.1 document"
          }
        }
      }
    },
    "/mcp": {
      "post": {
        "summary": "MCP JSON-RPC 2.0 bridge for anima-mcp clients",
        "operationId": "mcp",
        "description": "Methods: initialize, ping, tools/list, tools/call (process_agent_update, identity, update_agent_metadata, outcome_event). Auth: device token as Bearer or as the Basic-auth password; anonymous only with serve --allow-anonymous-mcp. Accept: text/event-stream gets one SSE event (event: message, data: <json-rpc>). Errors: -32700 parse, -32600 invalid request, -32601 unknown method, -32602 bad params; a failed tool answers isError true with {success:false,error,error_code}. Also served at /mcp/.",
        "security": [
          {
            "bearer": []
          },
          {
            "basic": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JSONRPCRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "JSON-RPC response (result or error)",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              },
              "text/event-stream": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "202": {
            "description": "Notification accepted (no body)"
          },
          "401": {
            "description": "Missing, unknown or revoked token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "Token of the wrong kind or of another agent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "Body over 1 MiB",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "64 hex digits; device tokens from `governance-host agents create`, operator tokens from `governance-host tokens create --operator`"
      },
      "basic": {
        "type": "http",
        "scheme": "basic",
        "description": "Any user name; the password is a device token"
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "properties": {
          "error": {
            "type": "string"
          },
          "field": {
            "type": "string",
            "description": "JSON path of the offending field"
          }
        },
        "required": [
          "error"
        ]
      },
      "SummaryBatch": {
        "type": "object",
        "properties": {
          "schema": {
            "type": "integer",
            "const": 1
          },
          "summaries": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/Summary"
            }
          }
        },
        "required": [
          "schema",
          "summaries"
        ]
      },
      "Summary": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "description": "client-generated idempotency key"
          },
          "recorded_at": {
            "type": "string",
            "format": "date-time"
          },
          "anima": {
            "type": "object",
            "properties": {
              "warmth": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "clarity": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "stability": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "presence": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              }
            },
            "required": [
              "warmth",
              "clarity",
              "stability",
              "presence"
            ]
          },
          "eisv": {
            "type": "object",
            "properties": {
              "E": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "I": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "S": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "V": {
                "type": "number",
                "minimum": -1,
                "maximum": 1
              }
            },
            "required": [
              "E",
              "I",
              "S",
              "V"
            ]
          },
          "drawing": {
            "type": "object",
            "properties": {
              "era": {
                "type": "string"
              },
              "arc_phase": {
                "type": "string"
              },
              "marks": {
                "type": "integer",
                "minimum": 0
              },
              "pixels": {
                "type": "integer",
                "minimum": 0
              },
              "E": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "I": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "S": {
                "type": "number",
                "minimum": 0,
                "maximum": 2
              },
              "V": {
                "type": "number",
                "minimum": -2,
                "maximum": 2
              },
              "C": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "curiosity": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "engagement": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "fatigue": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "drawings_completed": {
                "type": "integer",
                "minimum": 0
              }
            },
            "required": [
              "era",
              "arc_phase",
              "marks",
              "pixels",
              "E",
              "I",
              "S",
              "V",
              "C",
              "curiosity",
              "engagement",
              "fatigue",
              "drawings_completed"
            ]
          },
          "identity": {
            "type": "object",
            "properties": {
              "awakenings": {
                "type": "integer",
                "minimum": 0
              },
              "alive_seconds": {
                "type": "number",
                "minimum": 0
              }
            },
            "required": [
              "awakenings",
              "alive_seconds"
            ]
          }
        },
        "required": [
          "id",
          "recorded_at",
          "anima",
          "eisv",
          "drawing",
          "identity"
        ]
      },
      "Verdict": {
        "type": "object",
        "properties": {
          "action": {
            "type": "string",
            "enum": [
              "proceed",
              "pause"
            ]
          },
          "margin": {
            "type": "string",
            "enum": [
              "comfortable",
              "tight",
              "settling",
              "warning",
              "critical"
            ]
          },
          "reason": {
            "type": "string"
          },
          "risk": {
            "type": "number"
          },
          "coherence": {
            "type": "number"
          },
          "E": {
            "type": "number"
          },
          "I": {
            "type": "number"
          },
          "S": {
            "type": "number"
          },
          "V": {
            "type": "number"
          },
          "verdict": {
            "type": "string",
            "enum": [
              "safe",
              "caution",
              "high-risk"
            ]
          }
        },
        "required": [
          "action",
          "margin",
          "reason",
          "risk",
          "coherence",
          "E",
          "I",
          "S",
          "V",
          "verdict"
        ]
      },
      "SummaryResponse": {
        "type": "object",
        "properties": {
          "accepted": {
            "type": "integer"
          },
          "duplicates": {
            "type": "integer"
          },
          "verdict": {
            "$ref": "#/components/schemas/Verdict"
          }
        },
        "required": [
          "accepted",
          "duplicates",
          "verdict"
        ]
      },
      "AgentOverview": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid"
          },
          "label": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "paused",
              "archived"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "summaries": {
            "type": "integer"
          },
          "last_seen": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "action": {
            "type": [
              "string",
              "null"
            ]
          },
          "margin": {
            "type": [
              "string",
              "null"
            ]
          },
          "verdict": {
            "type": [
              "string",
              "null"
            ]
          },
          "reason": {
            "type": [
              "string",
              "null"
            ]
          },
          "E": {
            "type": [
              "number",
              "null"
            ]
          },
          "I": {
            "type": [
              "number",
              "null"
            ]
          },
          "S": {
            "type": [
              "number",
              "null"
            ]
          },
          "V": {
            "type": [
              "number",
              "null"
            ]
          },
          "coherence": {
            "type": [
              "number",
              "null"
            ]
          },
          "risk": {
            "type": [
              "number",
              "null"
            ]
          }
        },
        "required": [
          "id",
          "label",
          "status",
          "created_at",
          "summaries"
        ]
      },
      "AgentState": {
        "type": "object",
        "properties": {
          "recorded_at": {
            "type": "string",
            "format": "date-time"
          },
          "summary_id": {
            "type": [
              "string",
              "null"
            ],
            "format": "uuid"
          },
          "E": {
            "type": "number"
          },
          "I": {
            "type": "number"
          },
          "S": {
            "type": "number"
          },
          "V": {
            "type": "number"
          },
          "coherence": {
            "type": "number"
          },
          "risk": {
            "type": "number"
          },
          "verdict": {
            "type": "string"
          },
          "action": {
            "type": "string"
          },
          "margin": {
            "type": "string"
          },
          "reason": {
            "type": "string"
          },
          "regime": {
            "type": "string"
          }
        }
      },
      "Health": {
        "type": "object",
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "degraded"
            ]
          },
          "schema_version": {
            "type": "integer"
          },
          "database": {
            "type": "string"
          },
          "pool": {
            "type": "object",
            "properties": {
              "size": {
                "type": "integer"
              },
              "idle": {
                "type": "integer"
              },
              "max": {
                "type": "integer"
              },
              "waiting": {
                "type": "integer"
              }
            }
          },
          "uptime_seconds": {
            "type": "number"
          }
        }
      },
      "JSONRPCRequest": {
        "type": "object",
        "properties": {
          "jsonrpc": {
            "const": "2.0"
          },
          "id": {
            "type": [
              "string",
              "integer",
              "null"
            ]
          },
          "method": {
            "type": "string"
          },
          "params": {
            "type": "object"
          }
        },
        "required": [
          "jsonrpc",
          "method"
        ]
      }
    }
  }
}
"""#
}
