"""The command line: arguments, subcommands, and the printers of each output format."""
