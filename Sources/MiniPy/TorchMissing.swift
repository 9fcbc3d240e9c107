/// What to say when a torch name is missing in MiniPy: a name torch has is MiniPy's gap ("MiniPy does not support
/// torch.nn.GRUCell.X yet", a NotImplementedError); a name torch lacks too keeps Python's AttributeError, with
/// CPython 3.11's "Did you mean" only when the name it would suggest is one MiniPy has (never a method it lacks).
extension Interpreter {
    /// `x.NAME` on a tensor that MiniPy does not have.
    func missingTensorAttribute(_ name: String) -> PyError {
        if TorchNames.names["Tensor"]?.contains(name) == true {
            return PyError(type: "NotImplementedError", message: "MiniPy does not support torch.Tensor.\(name) yet")
        }
        // dir() of a tensor has more than CPython's 750 candidates: it suggests nothing.
        return .attributeError("'Tensor' object has no attribute '\(name)'")
    }

    /// `torch.NAME`, `torch.nn.NAME`, `F.NAME`, … that MiniPy does not have.
    func missingNamespaceAttribute(_ ns: Namespace, _ name: String) -> PyError {
        let torchNames = TorchNames.names[ns.name] ?? PythonNames.names[ns.name] ?? []
        if torchNames.contains(name) {
            return PyError(type: "NotImplementedError", message: "MiniPy does not support \(ns.name).\(name) yet")
        }
        var message = "module '\(ns.name)' has no attribute '\(name)'"
        let candidates = Array(torchNames.union(ns.attributes.keys)).sorted() + Self.moduleDunders
        if ns.name.hasPrefix("torch"), let s = suggestion(for: name, among: candidates), ns.attributes[s] != nil {
            message += ". Did you mean: '\(s)'?"
        }
        return .attributeError(message)
    }

    /// `module.NAME` on an nn module: a Module method torch has and MiniPy lacks says so; nil otherwise.
    func missingModuleAttribute(_ m: ModuleBase, _ name: String) -> PyError? {
        guard TorchNames.names["Module"]?.contains(name) == true else { return nil }
        return PyError(type: "NotImplementedError", message: "MiniPy does not support nn.Module.\(name) yet")
    }
}
