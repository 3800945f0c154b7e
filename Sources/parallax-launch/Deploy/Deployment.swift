/// A deployment file, read and validated: its pipelines in the order they start.
///
/// ```swift
/// let deployment = try DeploymentParser(registry: LaunchRegistry.base, variables: ["SITE": "lab"])
///     .parse(text, file: "site.yaml")
/// for pipeline in deployment.pipelines { print(pipeline.name, pipeline.description) }
/// ```
/// `pipelines` is in start order: every pipeline comes after the pipelines it depends on, and otherwise in
/// the order of the file. See `docs/deploy.md` for the format. A pure value; any thread.
struct Deployment: Sendable, Hashable {
    /// The pipelines, in start order.
    var pipelines: [DeploymentPipeline]

    /// The pipeline called `name`.
    subscript(name: String) -> DeploymentPipeline? {
        pipelines.first { $0.name == name }
    }

    /// The plan `--dry-run` prints: each pipeline in start order with everything resolved.
    ///
    /// ```
    /// 1. source
    ///    description: fakesrc num-buffers=3 ! fakesink
    ///    restart: never
    ///    sandbox: none
    /// 2. sink (after source)
    ///    ...
    /// ```
    var plan: String {
        var lines: [String] = []
        for (index, pipeline) in pipelines.enumerated() {
            let after = pipeline.dependencies.isEmpty ? "" : " (after \(pipeline.dependencies.joined(separator: ", ")))"
            lines.append("\(index + 1). \(pipeline.name)\(after)")
            lines.append("   description: \(pipeline.description)")
            lines.append("   restart: \(pipeline.restart.summary)")
            lines.append("   sandbox: \(pipeline.sandbox.rawValue)")
            for variable in pipeline.environment {
                lines.append("   environment: \(variable.name)=\(variable.value)")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
