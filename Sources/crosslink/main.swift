import CrosslinkCLI

EntryPoint.main()
