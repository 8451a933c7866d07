# Serves the rack-cors fixture with WEBrick on PORT.
require "rack"
require "rack/handler/webrick"

app, = Rack::Builder.parse_file(File.join(__dir__, "config.ru"))
Rack::Handler::WEBrick.run(app, Host: "127.0.0.1", Port: Integer(ENV.fetch("PORT")), AccessLog: [], Logger: WEBrick::Log.new(nil, 0))
