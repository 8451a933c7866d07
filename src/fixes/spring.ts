// Spring Boot: a CorsFilter registered ahead of Spring Security that allows exactly this call.

import { comment, lines, list, q } from "./render";
import { credentialsNote, explicitMethods, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const spring: StackFixer = {
  id: "spring",
  label: "Spring Boot",
  language: "Java",
  snippetLanguage: "java",
  build(req) {
    const pattern = req.pathPrefix === "/" ? "/**" : `${req.pathPrefix}**`;
    const javaList = (items: string[]): string => `List.of${list(items, "(", ")")}`;
    const snippet = lines(
      "import java.util.List;",
      "import org.springframework.boot.web.servlet.FilterRegistrationBean;",
      "import org.springframework.context.annotation.Bean;",
      "import org.springframework.context.annotation.Configuration;",
      "import org.springframework.core.Ordered;",
      "import org.springframework.web.cors.CorsConfiguration;",
      "import org.springframework.web.cors.UrlBasedCorsConfigurationSource;",
      "import org.springframework.web.filter.CorsFilter;",
      "",
      "@Configuration",
      "public class CorsConfig {",
      "",
      "    @Bean",
      "    public FilterRegistrationBean<CorsFilter> corsFilterRegistration() {",
      "        CorsConfiguration cors = new CorsConfiguration();",
      `        cors.setAllowedOrigins(${javaList([req.origin])});`,
      req.preflight ? `        cors.setAllowedMethods(${javaList(explicitMethods(req))});` : null,
      req.headers.length ? `        cors.setAllowedHeaders(${javaList(req.headers)});` : null,
      req.credentials ? "        cors.setAllowCredentials(true);" : null,
      "        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();",
      `        source.registerCorsConfiguration(${q(pattern)}, cors);`,
      comment(
        "        // ",
        "Highest precedence puts it ahead of Spring Security's filter chain: the preflight is answered before authentication, and error responses keep the headers.",
      ),
      "        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));",
      "        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);",
      "        return registration;",
      "    }",
      "}",
      "",
    );
    const notes = [
      ...orderingNotes(req, { cors: "the CORS filter", auth: "Spring Security's authentication filters" }),
      "Spring Security ordering: without a CORS filter in front (this one, or http.cors(Customizer.withDefaults()) with a CorsConfigurationSource bean), Security answers the preflight with 401 or 403 before @CrossOrigin or WebMvcConfigurer.addCorsMappings() ever run.",
      'Spring rejects a preflight it does not allow with 403 "Invalid CORS request"; setAllowedOrigins(List.of("*")) together with setAllowCredentials(true) throws at startup (use the exact origin).',
      "Methods are listed explicitly: without setAllowedMethods Spring allows only GET, HEAD and POST.",
      "Do not name this bean corsFilter: http.cors() looks up a bean of that name and expects a CorsFilter.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
