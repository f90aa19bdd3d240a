import Foundation
import SamverkanCLI

exit(SamverkanCLI.main(arguments: Array(CommandLine.arguments.dropFirst())))
