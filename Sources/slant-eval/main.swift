import SlantCLI
EvalCommand.main()
