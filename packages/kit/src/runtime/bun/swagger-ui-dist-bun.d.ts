/** Swagger UI's files, imported `with { type: "file" }` by `swagger-files-bun.ts`: each import is the file's path. */
declare module "swagger-ui-dist/*" {
  const path: string;
  export default path;
}
