import FlakeCore

@main
struct FlaketuiCommand {
    static func main() {}
}
