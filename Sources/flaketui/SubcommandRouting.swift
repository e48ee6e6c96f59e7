import ArgumentParser

extension FlaketuiCommand {
    /// ArgumentParser fills the root's positional `paths` before it looks for a subcommand, so
    /// `flaketui export …` would read `export` as a log folder. A first argument that names a
    /// subcommand is therefore routed here, before the root parses anything; a folder that is
    /// really called `export` can still be given as `./export`.
    static func parseSubcommand(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) throws -> (any ParsableCommand)? {
        guard let name = arguments.first,
            let subcommand = configuration.subcommands.first(where: { $0.configuration.commandName == name })
        else { return nil }
        return try subcommand.parseAsRoot(Array(arguments.dropFirst()))
    }
}
