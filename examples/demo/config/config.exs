import Config

config :demo, currency: "EUR", low_stock_threshold: 3

if config_env() == :test do
  config :logger, level: :warning
end
