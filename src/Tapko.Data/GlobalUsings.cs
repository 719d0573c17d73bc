// Most files build or read DynamoDB requests: the SDK's namespaces and the attribute-name table are imported once here,
// so a file's header names only what is particular to it.
global using Amazon.DynamoDBv2;
global using Amazon.DynamoDBv2.Model;
global using A = Tapko.Data.Schema.AttributeNames;
