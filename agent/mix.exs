defmodule Mixscope.Agent.MixProject do
  use Mix.Project

  # The agent is loaded into the user's project VM by `boot.exs`, which compiles `lib/` itself;
  # this Mix project exists for development: formatting, warnings-as-errors and ExUnit.
  def project do
    [
      app: :mixscope_agent,
      version: "0.1.0",
      elixir: "~> 1.14",
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: false,
      deps: []
    ]
  end

  def application do
    [extra_applications: [:logger]]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]
end
