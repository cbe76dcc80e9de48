[
  inputs: ["{mix,.formatter,boot}.exs", "{lib,test}/**/*.{ex,exs}"]
]
