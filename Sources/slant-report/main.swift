import SlantCLI
ReportCommand.main()
