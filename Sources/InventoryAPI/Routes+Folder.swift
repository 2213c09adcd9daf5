import Foundation
import Hummingbird
import InventoryFormat
import InventoryModel

extension InventoryService {
    /// Import and export of the interchange folder, whole or one file at a time, and the
    /// public routes.
    func addFolderRoutes(to router: Router<ServiceContext>) {
        // The whole city: {"files": {"plan.yaml": "...", "schools.csv": "...", ...}}, all or nothing;
        // the stored measurements are kept and the folder's added unless `measurements=replace`.
        router.post("/v1/import") { request, context -> Response in
            try context.requireAdmin()
            let body = try await request.jsonBody(context)
            guard case .object(let members) = body["files"] else {
                throw APIError(
                    .unprocessableContent, "invalid_body", "expected {\"files\": {\"schools.csv\": \"...\", ...}}",
                    field: "files")
            }
            let known = Set(InventoryTable.allCases.map(\.fileName) + [PlanFile.name])
            var files: [(String, String)] = []
            for (name, value) in members {
                guard known.contains(name) else {
                    throw APIError(
                        .unprocessableContent, "unknown_file", "not a file of the folder", field: "files.\(name)")
                }
                guard case .string(let text) = value else {
                    throw APIError(
                        .unprocessableContent, "wrong_type",
                        "expected the file's text as a string, found \(value.typeName)",
                        field: "files.\(name)")
                }
                files.append((name, text))
            }
            let replace = try request.choiceQuery("measurements", ["keep", "replace"]) == "replace"
            let contents = try Self.readFolder(files)
            try await self.store.replaceInventory(
                with: contents.inventory, measurements: replace ? .replace : .keep, progress: nil)
            let summary = contents.inventory.summary
            let counts: [(String, JSONValue)] = [
                ("schools", .number(Double(summary.schools))), ("links", .number(Double(summary.links))),
                ("assets", .number(Double(summary.assets))), ("egress", .number(Double(summary.egressLinks))),
                ("storage", .number(Double(contents.inventory.storageReadings.count))),
                ("districts", .number(Double(contents.inventory.districts.count))),
                ("measurements", .number(Double(summary.measurements))),
                ("warnings", .array(contents.warnings.map { .string($0.description) })),
            ]
            return .json(.object(counts))
        }
        // One file: its rows are added or, by key, replace those stored; all or nothing.
        router.post("/v1/import/:file") { request, context -> Response in
            try context.requireAdmin()
            let name = context.parameters.get("file") ?? ""
            let bytes = try await request.bodyBytes(context)
            if name == PlanFile.name {
                let plan: Plan
                do {
                    plan = try PlanFile.read(yaml: String(decoding: bytes, as: UTF8.self))
                } catch let error as InventoryReadError {
                    throw Self.folderError(error)
                }
                try await self.store.replacePlan(plan)
                return .json(.object([("file", .string(name)), ("records", .number(1))]))
            }
            guard let table = InventoryTable(fileName: name) else {
                throw APIError(.notFound, "unknown_file", "\(name) is not a file of the folder", field: "file")
            }
            let records: Inventory
            do {
                records = try table.read(csv: bytes)
            } catch let error as InventoryReadError {
                throw Self.folderError(error)
            }
            let references = Set(
                records.links.map(\.schoolCode) + records.assets.compactMap(\.schoolCode)
                    + records.measurements.map(\.schoolCode))
            let unknown = try await self.store.unknownSchools(references)
            if let code = unknown.sorted().first {
                throw APIError(
                    .unprocessableContent, "unknown_school", "\(name): school_code \"\(code)\" names no school",
                    field: "school_code")
            }
            let written = table.count(in: records)
            try await self.write(records, .of(table), on: table == .measurements ? .ignore : .update)
            return .json(.object([("file", .string(name)), ("records", .number(Double(written)))]))
        }
        router.get("/v1/export") { _, context -> Response in
            try context.requireReader()
            let city = try await self.city().canonical
            var files: [(String, JSONValue)] = [(PlanFile.name, .string(PlanFile.write(city.plan)))]
            for table in InventoryTable.allCases {
                files.append((table.fileName, .string(String(decoding: table.csv(of: city), as: UTF8.self))))
            }
            return .json(.object([("files", .object(files))]))
        }
        router.get("/v1/export/:file") { _, context -> Response in
            try context.requireReader()
            let name = context.parameters.get("file") ?? ""
            let city = try await self.city().canonical
            if name == PlanFile.name {
                return .text(Array(PlanFile.write(city.plan).utf8), contentType: "application/yaml")
            }
            guard let table = InventoryTable(fileName: name) else {
                throw APIError(.notFound, "unknown_file", "\(name) is not a file of the folder", field: "file")
            }
            return .text(table.csv(of: city), contentType: "text/csv; charset=utf-8")
        }
    }

    /// Reads files given as text as a folder would be read: written to a private temporary
    /// folder, read and checked whole, the folder removed.
    static func readFolder(_ files: [(String, String)]) throws -> InventoryFolderContents {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-import-\(UUID())")
        // The city is the bureau's: readable by the service's user alone while it lies there.
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        do {
            return try InventoryFolder.read(at: folder.path)
        } catch {
            throw folderError(error)
        }
    }

    /// An import's issues as one 422: the first issue's place as the field, all of them listed.
    static func folderError(_ error: InventoryReadError) -> APIError {
        let first = error.issues.first
        var field = first?.file ?? ""
        if let row = first?.row { field += " row \(row)" }
        if let column = first?.column { field += (first?.row == nil ? " " : ", ") + "column \(column)" }
        return APIError(.unprocessableContent, "invalid_inventory", error.description, field: field)
    }

    /// Health, the OpenAPI document and the metrics: no token needed (the metrics name schools
    /// and tokens only to an admin's or planner's token).
    func addPublicRoutes(to router: Router<ServiceContext>) {
        router.get("/healthz") { _, _ -> Response in
            let schools = try await self.store.schoolCount()
            // The city's time zone: a probe's doctor compares its own with it.
            let timeZone = try await self.store.planTimeZone() ?? Plan().timeZone
            return .json(
                .object([
                    ("status", .string("ok")), ("schools", .number(Double(schools))), ("time_zone", .string(timeZone)),
                ]))
        }
        router.get("/v1/token") { _, context -> Response in
            let token = try context.requireToken()
            var known = true
            if let school = token.schoolCode { known = try await self.store.unknownSchools([school]).isEmpty }
            return .json(
                .object([
                    ("id", .string(token.id)), ("name", .string(token.name)), ("scope", .string(token.scope.rawValue)),
                    ("school_code", token.schoolCode.map(JSONValue.string) ?? .null),
                    ("school_known", .bool(known)),
                ]))
        }
        router.get("/openapi.json") { _, _ -> Response in .json(bytes: OpenAPIDocument.bytes) }
        router.get("/metrics") { _, context -> Response in
            let named = context.token?.scope == .admin || context.token?.scope == .planner
            return .text(await self.metricsText(named: named), contentType: "text/plain; version=0.0.4")
        }
    }
}
