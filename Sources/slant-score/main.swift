import SlantCLI
ScoreCommand.main()
