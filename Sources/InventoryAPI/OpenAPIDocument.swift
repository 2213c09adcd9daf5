import InventoryFormat
import InventoryModel
import Planner

/// `/openapi.json`: OpenAPI 3.0 built from the same field lists that check the bodies, so the
/// document cannot drift from what the routes take and give.
enum OpenAPIDocument {
    static let bytes: [UInt8] = document.bytes

    static var document: JSONValue {
        var paths: [(String, JSONValue)] = [
            (
                "/healthz",
                .object([("get", operation("health", "Health and school count", public: true, ok: ref("Health")))])
            ),
            (
                "/metrics",
                .object([
                    ("get", operation("metrics", "Prometheus metrics", public: true, ok: nil, okText: "text/plain"))
                ])
            ),
        ]
        for resource in Resource.inventory {
            let name = schemaName(resource)
            let keyParameters = resource.keyFields.map { pathParameter($0) }
            paths.append(
                (
                    resource.path,
                    .object([
                        (
                            "get",
                            operation(
                                "list_\(resource.table.rawValue)", "List \(resource.noun) records, paged",
                                parameters: pageParameters + resource.filters.map { filterParameter(resource, $0) }
                                    + (resource.table == .schools
                                        ? [
                                            queryParameter("rule", enumString(Rule.allCases.map(\.rawValue))),
                                            queryParameter("as_of", .object([("type", "string"), ("format", "date")])),
                                        ] : []),
                                ok: page(ref(name)))
                        ),
                        (
                            "post",
                            operation(
                                "create_\(resource.noun.replacingOccurrences(of: " ", with: "_"))",
                                "Create a \(resource.noun) (admin)",
                                body: ref(name + "Input"), ok: ref(name), okStatus: "201")
                        ),
                    ])
                ))
            let item = resource.path + "/" + resource.keyFields.map { "{\($0)}" }.joined(separator: "/")
            let noun = resource.noun.replacingOccurrences(of: " ", with: "_")
            paths.append(
                (
                    item,
                    .object([
                        (
                            "get",
                            operation("get_\(noun)", "One \(resource.noun)", parameters: keyParameters, ok: ref(name))
                        ),
                        (
                            "put",
                            operation(
                                "replace_\(noun)", "Replace a \(resource.noun) (admin)", parameters: keyParameters,
                                body: ref(name + "Input"), ok: ref(name))
                        ),
                        (
                            "patch",
                            operation(
                                "update_\(noun)", "Change some fields of a \(resource.noun) (admin)",
                                parameters: keyParameters,
                                body: ref(name + "Patch"), ok: ref(name))
                        ),
                        (
                            "delete",
                            operation(
                                "delete_\(noun)",
                                "Delete a \(resource.noun) (admin); a school takes its records with it",
                                parameters: keyParameters, ok: nil, okStatus: "204")
                        ),
                    ])
                ))
        }
        let measurements = Resource.measurements
        paths.append(
            (
                "/v1/measurements",
                .object([
                    (
                        "get",
                        operation(
                            "list_measurements", "Measurements by school, probe, kind and time",
                            parameters: [
                                queryParameter(
                                    "limit", .object([("type", "integer"), ("minimum", 1), ("maximum", 10000)])),
                                queryParameter("offset", .object([("type", "integer"), ("minimum", 0)])),
                                queryParameter("from", .object([("type", "string")])),
                                queryParameter("to", .object([("type", "string")])),
                            ] + measurements.filters.map { filterParameter(measurements, $0) },
                            ok: page(ref("Measurement")))
                    ),
                    (
                        "post",
                        operation(
                            "ingest_measurements",
                            "Store a batch of results (probe: its own school only); idempotent on id",
                            body: .object([
                                ("type", "object"), ("required", .array(["measurements"])),
                                ("additionalProperties", false),
                                (
                                    "properties",
                                    .object([
                                        (
                                            "measurements",
                                            .object([
                                                ("type", "array"),
                                                ("maxItems", .number(Double(InventoryService.maxBatch))),
                                                ("items", ref("MeasurementInput")),
                                            ])
                                        )
                                    ])
                                ),
                            ]),
                            ok: ref("IngestResult"))
                    ),
                ])
            ))
        paths.append(
            (
                "/v1/token",
                .object([
                    (
                        "get",
                        operation(
                            "token", "The calling token: its scope and school (the probe's doctor checks it)",
                            ok: ref("Token"))
                    )
                ])
            ))
        let asOf = queryParameter("as_of", .object([("type", "string"), ("format", "date")]))
        paths.append(
            (
                "/v1/report",
                .object([
                    (
                        "get",
                        operation(
                            "report", "The compliance report (standards.md section 3)",
                            parameters: [
                                asOf, queryParameter("district", .object([("type", "string")])),
                                queryParameter("rule", enumString(Rule.allCases.map(\.rawValue))),
                                queryParameter("severity", enumString(["violation", "warning"])),
                            ], ok: ref("Report"))
                    )
                ])
            ))
        paths.append(
            (
                "/v1/schools/{code}/report",
                .object([
                    (
                        "get",
                        operation(
                            "school_report", "One school's report, with the city's figures",
                            parameters: [pathParameter("code"), asOf], ok: ref("Report"))
                    )
                ])
            ))
        let fileNames = InventoryTable.allCases.map(\.fileName) + ["plan.yaml"]
        let fileParameter: JSONValue = .object([
            ("name", "file"), ("in", "path"), ("required", true), ("schema", enumString(fileNames)),
        ])
        paths.append(
            (
                "/v1/import",
                .object([
                    (
                        "post",
                        operation(
                            "import_folder",
                            "Replace the whole city with an interchange folder (admin), all or nothing",
                            body: ref("Folder"), ok: .object([("type", "object")]))
                    )
                ])
            ))
        paths.append(
            (
                "/v1/import/{file}",
                .object([
                    (
                        "post",
                        operation(
                            "import_file", "Add or replace the rows of one file (admin), all or nothing",
                            parameters: [fileParameter], textBody: true, ok: ref("FileImport"))
                    )
                ])
            ))
        paths.append(
            ("/v1/export", .object([("get", operation("export_folder", "The whole folder", ok: ref("Folder")))])))
        paths.append(
            (
                "/v1/export/{file}",
                .object([
                    (
                        "get",
                        operation(
                            "export_file", "One file of the folder", parameters: [fileParameter], ok: nil,
                            okText: "text/csv")
                    )
                ])
            ))

        var schemas: [(String, JSONValue)] = [
            (
                "Error",
                .object([
                    ("type", "object"), ("required", .array(["error"])),
                    (
                        "properties",
                        .object([
                            (
                                "error",
                                .object([
                                    ("type", "object"), ("required", .array(["code", "message"])),
                                    (
                                        "properties",
                                        .object([
                                            ("code", .object([("type", "string")])),
                                            ("message", .object([("type", "string")])),
                                            ("field", .object([("type", "string")])),
                                        ])
                                    ),
                                ])
                            )
                        ])
                    ),
                ])
            ),
            (
                "Health",
                object(
                    required: ["status", "schools", "time_zone"],
                    [
                        "status": .object([("type", "string")]), "schools": integer,
                        "time_zone": .object([("type", "string")]),
                    ])
            ),
            (
                "Token",
                object(
                    required: ["id", "name", "scope", "school_code", "school_known"],
                    [
                        "id": .object([("type", "string")]), "name": .object([("type", "string")]),
                        "scope": enumString(TokenScope.allCases.map(\.rawValue)),
                        "school_code": .object([("type", .array(["string", "null"]))]),
                        "school_known": .object([("type", "boolean")]),
                    ])
            ),
            (
                "IngestResult",
                object(
                    required: ["received", "inserted", "duplicates"],
                    ["received": integer, "inserted": integer, "duplicates": integer])
            ),
            (
                "FileImport",
                object(required: ["file", "records"], ["file": .object([("type", "string")]), "records": integer])
            ),
            (
                "Folder",
                object(
                    required: ["files"],
                    [
                        "files": .object([
                            ("type", "object"), ("additionalProperties", .object([("type", "string")])),
                        ])
                    ])
            ),
            ("Report", reportSchema),
        ]
        for resource in Resource.all {
            let name = schemaName(resource)
            schemas.append((name, recordSchema(resource, input: false, partial: false)))
            schemas.append((name + "Input", recordSchema(resource, input: true, partial: false)))
            if resource.table != .measurements {
                schemas.append((name + "Patch", recordSchema(resource, input: true, partial: true)))
            }
        }
        return .object([
            ("openapi", "3.0.3"),
            (
                "info",
                .object([
                    ("title", "SchoolNet inventory service"), ("version", "1.0.0"),
                    (
                        "description",
                        "Schools, links, assets, egress, storage and districts against the plan; probe measurements; the compliance report. Records use the columns of the interchange files (Inventory/README.md)."
                    ),
                ])
            ),
            ("paths", .object(paths)),
            (
                "components",
                .object([
                    ("schemas", .object(schemas)),
                    (
                        "securitySchemes",
                        .object([("bearer", .object([("type", "http"), ("scheme", "bearer")]))])
                    ),
                ])
            ),
            ("security", .array([.object([("bearer", .array([]))])])),
        ])
    }

    // MARK: Parts

    static let integer: JSONValue = .object([("type", "integer")])

    static func schemaName(_ resource: Resource) -> String {
        switch resource.table {
        case .schools: "School"
        case .links: "Link"
        case .assets: "Asset"
        case .egress: "EgressLink"
        case .storage: "StorageReading"
        case .districts: "District"
        case .measurements: "Measurement"
        }
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/" + name))]) }

    static func enumString(_ values: [String]) -> JSONValue {
        .object([("type", "string"), ("enum", .array(values.map(JSONValue.string)))])
    }

    static func object(required: [String], _ properties: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object([
            ("type", "object"), ("required", .array(required.map(JSONValue.string))),
            ("properties", .object(properties.map { ($0.key, $0.value) })),
        ])
    }

    static func page(_ item: JSONValue) -> JSONValue {
        let link: JSONValue = .object([("type", "string"), ("nullable", true)])
        return .object([
            ("type", "object"), ("required", .array(["count", "next", "previous", "results"])),
            (
                "properties",
                .object([
                    ("count", integer), ("next", link), ("previous", link),
                    ("results", .object([("type", "array"), ("items", item)])),
                ])
            ),
        ])
    }

    static let pageParameters: [JSONValue] = [
        queryParameter("limit", .object([("type", "integer"), ("minimum", 1), ("maximum", 1000)])),
        queryParameter(
            "offset", .object([("type", "integer"), ("minimum", 0), ("maximum", .number(Double(Int32.max)))])),
    ]

    static func queryParameter(_ name: String, _ schema: JSONValue) -> JSONValue {
        .object([("name", .string(name)), ("in", "query"), ("required", false), ("schema", schema)])
    }

    static func pathParameter(_ name: String) -> JSONValue {
        .object([
            ("name", .string(name)), ("in", "path"), ("required", true), ("schema", .object([("type", "string")])),
        ])
    }

    static func filterParameter(_ resource: Resource, _ name: String) -> JSONValue {
        queryParameter(name, fieldSchema(resource.table.column(name), nullable: false))
    }

    /// A field's schema: its column's type, bounds and choices (``TableColumn``), which the
    /// file reader checks.
    static func fieldSchema(_ field: TableColumn, nullable: Bool) -> JSONValue {
        var schema: [(String, JSONValue)]
        switch field.kind {
        case .text: schema = [("type", "string")]
        case .integer(let range):
            schema = [
                ("type", "integer"), ("minimum", .number(Double(range.lowerBound))),
                ("maximum", .number(Double(range.upperBound))),
            ]
        case .number(let bound):
            schema = [("type", "number"), ("minimum", .number(bound.minimum.value))]
            if bound.minimum.exclusive { schema.append(("exclusiveMinimum", true)) }
            schema.append(("maximum", .number(bound.maximum)))
        case .boolean: schema = [("type", "boolean")]
        case .date:
            schema = [
                ("type", "string"), ("format", "date"), ("description", .string("from \(CalendarDate.readableRange)")),
            ]
        case .dateTime: schema = [("type", "string"), ("format", "date-time")]
        case .choice:
            schema = [
                ("type", "string"), ("enum", .array(field.choices.map(JSONValue.string) + (nullable ? [.null] : []))),
            ]
        }
        if nullable { schema.append(("nullable", true)) }
        return .object(schema)
    }

    /// A record as responses give it (every field, null where blank), as a create or replace
    /// takes it (required fields required, no other field), or as a patch takes it (any field).
    static func recordSchema(_ resource: Resource, input: Bool, partial: Bool) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for field in resource.fields {
            var schema = fieldSchema(field, nullable: !field.required)
            if input, field.required, case .text = field.kind, case .object(var members) = schema {
                members.append(("minLength", 1))
                members.append(("pattern", "\\S"))
                schema = .object(members)
            }
            properties.append((field.key, schema))
        }
        let required =
            partial ? [] : resource.fields.filter { input ? $0.required : true }.map { JSONValue.string($0.key) }
        var schema: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { schema.append(("required", .array(required))) }
        if input { schema.append(("additionalProperties", false)) }
        return .object(schema)
    }

    static var reportSchema: JSONValue {
        let flag = object(
            required: ["rule", "severity", "value", "threshold", "unit", "message", "message_zh"],
            [
                "rule": enumString(Rule.allCases.map(\.rawValue)), "severity": enumString(["violation", "warning"]),
                "value": .object([("type", "number")]), "threshold": .object([("type", "number")]),
                "unit": .object([("type", "string")]), "district": .object([("type", "string")]),
                "message": .object([("type", "string")]), "message_zh": .object([("type", "string")]),
            ])
        let flags: JSONValue = .object([("type", "array"), ("items", flag)])
        let nullableNumber: JSONValue = .object([("type", "number"), ("nullable", true)])
        let school = object(
            required: [
                "code", "name", "district", "kind", "classes", "required_mbps", "contracted_mbps", "measured_mbps",
                "flags",
            ],
            [
                "code": .object([("type", "string")]), "name": .object([("type", "string")]),
                "district": .object([("type", "string")]), "kind": .object([("type", "string")]),
                "classes": integer, "required_mbps": .object([("type", "number")]),
                "contracted_mbps": .object([("type", "number")]), "measured_mbps": nullableNumber, "flags": flags,
            ])
        return object(
            required: ["as_of", "schools", "city"],
            [
                "as_of": .object([("type", "string"), ("format", "date")]),
                "schools": .object([("type", "array"), ("items", school)]),
                "city": object(
                    required: ["flags", "metrics", "targets"],
                    [
                        "flags": flags,
                        "metrics": .object([("type", "object"), ("additionalProperties", nullableNumber)]),
                        "targets": .object([("type", "object"), ("additionalProperties", nullableNumber)]),
                    ]),
            ])
    }

    /// One operation: its responses (the success one, and every error as the Error schema).
    static func operation(
        _ id: String, _ summary: String, public isPublic: Bool = false, parameters: [JSONValue] = [],
        body: JSONValue? = nil, textBody: Bool = false, ok: JSONValue?, okStatus: String = "200",
        okText: String? = nil
    ) -> JSONValue {
        var success: [(String, JSONValue)] = [("description", "OK")]
        if let ok {
            success.append(("content", .object([("application/json", .object([("schema", ok)]))])))
        } else if let okText {
            success.append(("content", .object([(okText, .object([("schema", .object([("type", "string")]))]))])))
        }
        let error: JSONValue = .object([
            ("description", "An error: 4xx for a request the service refuses"),
            ("content", .object([("application/json", .object([("schema", ref("Error"))]))])),
        ])
        var members: [(String, JSONValue)] = [
            ("operationId", .string(id)), ("summary", .string(summary)),
            ("responses", .object([(okStatus, .object(success)), ("default", error)])),
        ]
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body {
            members.append(
                (
                    "requestBody",
                    .object([
                        ("required", true), ("content", .object([("application/json", .object([("schema", body)]))])),
                    ])
                ))
        }
        if textBody {
            members.append(
                (
                    "requestBody",
                    .object([
                        ("required", true),
                        ("content", .object([("text/csv", .object([("schema", .object([("type", "string")]))]))])),
                    ])
                ))
        }
        if isPublic { members.append(("security", .array([]))) }
        return .object(members)
    }
}
