# Dossier: build with Maven, run on a slim JRE. The catalogue's database lives in the /data volume.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY db db
COPY resources resources
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /app dossier
WORKDIR /app
COPY --from=build /src/target/dossier.jar /app/dossier.jar
COPY seeds /app/seeds
RUN mkdir -p /data && chown dossier /data
USER dossier
VOLUME ["/data"]
EXPOSE 7070
ENTRYPOINT ["java", "-Xmx512m", "-jar", "/app/dossier.jar"]
CMD ["serve", "--db", "/data/dossier.db", "--seeds", "/app/seeds", "--port", "7070"]
