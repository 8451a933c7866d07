# rack-cors fixture (Debian 12: ruby-rack-cors 1.1, rack 2.2, webrick): the generated Rails initializer runs unchanged at the marker.
require "rack/cors"

BUILDER = self

# Rails' middleware API, forwarded to this Rack::Builder: insert_before 0 is the first `use` here.
module Rails
  class MiddlewareStack
    def insert_before(_position, klass, *args, &block)
      BUILDER.use(klass, *args, &block)
    end
  end

  Config = Struct.new(:middleware)
  Application = Struct.new(:config)

  def self.application
    @application ||= Application.new(Config.new(MiddlewareStack.new))
  end
end

# __FIX__

run lambda { |_env| [200, { "Content-Type" => "application/json" }, ['{"deleted":true}']] }
