import Foundation
import SamverkanCLI

exit(SamverkanCLI.run(arguments: Array(CommandLine.arguments.dropFirst())))
