using Personalization.Bench.Cli;

return await BenchCommandLine.Create().Parse(args).InvokeAsync();
