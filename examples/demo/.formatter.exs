# The router DSL and the schema DSL read best without parentheses.
dsl = [get: 3, post: 3, delete: 3, scope: 2, field: 1, field: 2]

[
  inputs: ["{mix,.formatter}.exs", "{config,lib,test}/**/*.{ex,exs}"],
  locals_without_parens: dsl,
  export: [locals_without_parens: dsl]
]
