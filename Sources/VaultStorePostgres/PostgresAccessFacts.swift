import Foundation
import PostgresNIO
import VaultStore

/// A patient's access facts in one query: each row of the tables involved comes back as JSON,
/// tagged with its table, so that one round trip brings what the policy check and the patient
/// key read one query each on SQLite.
extension PostgresTransaction {
    func readingAccessFacts(patientID: [UInt8], fingerprint: [UInt8], bindingKeys: [String]) throws -> any VaultReading {
        // $1 the patient, $2 the professional, $3… the binding keys. The professionals named are
        // those of the patient's grants, pending grants and policy events, and the asking one.
        let keys = bindingKeys.indices.map { "($\($0 + 3)::text)" }.joined(separator: ", ")
        var sql = """
            WITH named AS (
                SELECT $2::bytea AS fingerprint
                UNION SELECT fingerprint FROM key_grant WHERE patient_id = $1
                UNION SELECT fingerprint FROM pending_grant WHERE patient_id = $1
                UNION SELECT subject_fingerprint FROM policy_event WHERE patient_id = $1 AND subject_fingerprint IS NOT NULL)
            SELECT 'patient' AS kind, NULL::bytea AS member, to_jsonb(t)::text AS row, t.row_order AS position
                FROM patient t WHERE patient_id = $1
            UNION ALL SELECT 'policy_event', NULL, to_jsonb(t)::text, t.row_order FROM policy_event t WHERE patient_id = $1
            UNION ALL SELECT 'key_grant', NULL, to_jsonb(t)::text, t.row_order FROM key_grant t WHERE patient_id = $1
            UNION ALL SELECT 'pending_grant', NULL, to_jsonb(t)::text, t.row_order FROM pending_grant t WHERE patient_id = $1
            UNION ALL SELECT 'team_grant', NULL, to_jsonb(t)::text, t.row_order FROM team_grant t WHERE patient_id = $1
            UNION ALL SELECT 'professional', NULL, to_jsonb(t)::text, t.row_order
                FROM professional t WHERE fingerprint IN (SELECT fingerprint FROM named)
            UNION ALL SELECT 'team', m.fingerprint, to_jsonb(t)::text, t.row_order
                FROM team_member m JOIN team t ON t.team_id = m.team_id WHERE m.fingerprint IN (SELECT fingerprint FROM named)
            """
        if !bindingKeys.isEmpty {
            // The action as a literal, so that the partial index on binding entries serves each key.
            sql += """

                UNION ALL SELECT 'audit_entry', NULL, to_jsonb(t)::text, t.sequence FROM (VALUES \(keys)) AS k(name)
                    CROSS JOIN LATERAL (SELECT * FROM audit_entry WHERE action = '\(AuditEntry.bindingAction)'
                                        AND substr(reason, 1, 64) = k.name ORDER BY sequence DESC LIMIT 1) t
                """
        }
        sql += "\nORDER BY kind, position"
        // Prepared: the query takes the server longer to parse and plan than to run.
        let binds = [PostgresData(type: .bytea, value: ByteBuffer(bytes: patientID)),
                     PostgresData(type: .bytea, value: ByteBuffer(bytes: fingerprint))]
            + bindingKeys.map { PostgresData(type: .text, value: ByteBuffer(string: $0)) }
        let byteColumns = connections.byteColumns
        var rows = AccessFactRows()
        for row in try runPrepared(sql, binds) {
            let (kind, member, json) = try row.decode((String, ByteBuffer?, String).self)
            let columns = try self.columns(ofJSON: json, table: kind, byteColumns: byteColumns)
            switch kind {
            case Patient.table.name: rows.patient = try Patient(columns)
            case PolicyEvent.table.name: rows.policyEvents.append(try PolicyEvent(columns))
            case Grant.table.name: rows.grants.append(try Grant(columns))
            case PendingGrant.table.name: rows.pendingGrants.append(try PendingGrant(columns))
            case TeamGrant.table.name: rows.teamGrants.append(try TeamGrant(columns))
            case Professional.table.name:
                let professional = try Professional(columns)
                rows.professionals[professional.fingerprint] = professional
            case Team.table.name:
                rows.teams[member.map { Array($0.readableBytesView) } ?? [], default: []].append(try Team(columns))
            case AuditEntry.table.name:
                let entry = try AuditEntry(columns)
                rows.bindings[String(entry.reason.prefix(64))] = entry
            default:
                throw VaultStoreError.corrupt(path: location, detail: "unexpected rows of \(kind) among the access facts")
            }
        }
        return AccessFactsReading(self, rows: rows, patientID: patientID, fingerprint: fingerprint, bindingKeys: bindingKeys)
    }

    /// The bytea columns of the tables in this connection's schema, as "table.column"
    /// (`PostgresConnections.byteColumns`).
    func byteColumnsOfSchema() throws -> Set<String> {
        let rows = try fetch(
            """
            SELECT c.relname || '.' || a.attname AS name FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.atttypid = 'bytea'::regtype AND NOT a.attisdropped
            """, [], table: "pg_attribute")
        return Set(try rows.map { try $0.string("name") })
    }

    /// A row of `table` read as JSON (`to_jsonb`), as stored values: numbers as integers, the
    /// columns of `byteColumns` from their hexadecimal text (`\x…`), other strings as text.
    private func columns(ofJSON json: String, table: String, byteColumns: Set<String>) throws -> StoredColumns {
        let corrupt = VaultStoreError.corrupt(path: location, detail: "a row of \(table) read as JSON does not decode")
        guard let cells = try? JSONDecoder().decode([String: JSONCell].self, from: Data(json.utf8)) else { throw corrupt }
        let columns = try cells.map { column, cell throws(VaultStoreError) -> (name: String, value: StoredValue) in
            switch cell {
            case .null: return (column, .null)
            case .integer(let integer): return (column, .integer(integer))
            case .text(let text) where byteColumns.contains("\(table).\(column)"):
                guard text.hasPrefix("\\x"), let bytes = [UInt8](hexDigits: text.dropFirst(2)) else { throw corrupt }
                return (column, .bytes(bytes))
            case .text(let text): return (column, .text(text))
            }
        }
        return StoredColumns(columns: columns, table: table, path: location)
    }
}

/// One value of a row read as JSON.
private enum JSONCell: Decodable {
    case null, integer(Int64), text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

private extension Array where Element == UInt8 {
    /// The bytes of an even number of hexadecimal digits, or nil.
    init?(hexDigits: Substring) {
        guard hexDigits.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hexDigits.utf8.count / 2)
        var high: UInt8?
        for character in hexDigits.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self = bytes
    }
}
