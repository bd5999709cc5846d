import SlantCLI
TrainCommand.main()
