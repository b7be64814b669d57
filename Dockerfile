# One image per service, built from this repository: docker build --build-arg MODULE=emulator|processor|dashboard|quality|archiver .
# Stage 1 runs the Maven build, so a machine with only Docker can build everything.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# Poms first: the dependency download is cached until a pom changes.
COPY pom.xml ./
COPY common/pom.xml common/
COPY embedded/pom.xml embedded/
COPY emulator/pom.xml emulator/
COPY processor/pom.xml processor/
COPY dashboard/pom.xml dashboard/
COPY quality/pom.xml quality/
COPY archiver/pom.xml archiver/
COPY demo/pom.xml demo/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -q -DskipTests package -pl common,emulator,processor,dashboard,quality,archiver -am

# Stage 2: a small JRE image running as an unprivileged user.
FROM eclipse-temurin:17-jre AS runtime
ARG MODULE
RUN useradd --system --uid 10001 --home-dir /app minidt
WORKDIR /app
COPY --from=build /src/${MODULE}/target/lib /app/lib
COPY --from=build /src/${MODULE}/target/minidt-${MODULE}.jar /app/app.jar
USER minidt
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
