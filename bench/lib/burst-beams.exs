# Writes COUNT minimal modules (`MixscopeBurst.M1` …) as `.beam` files into DIR, compiled from
# Erlang abstract forms: compiling 10,000 Elixir modules would take minutes, and the event
# burst measures delivery, not the compiler.
#
#   elixir burst-beams.exs DIR COUNT
[dir, count] = System.argv()
File.mkdir_p!(dir)

for i <- 1..String.to_integer(count) do
  module = :"Elixir.MixscopeBurst.M#{i}"

  forms = [
    {:attribute, 1, :module, module},
    {:attribute, 1, :export, [index: 0]},
    {:function, 2, :index, 0, [{:clause, 2, [], [], [{:integer, 2, i}]}]}
  ]

  {:ok, ^module, binary} = :compile.forms(forms, [:deterministic])
  File.write!(Path.join(dir, "#{module}.beam"), binary)
end
